import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/database';
import { withBudget } from './session-sql';

/**
 * A statement within a budget (session-sql.ts): its timeout and planner settings hold for its own
 * transaction only, and the connection it ran on comes back clean — after an answer, a timeout or an
 * error — though its transaction's end is queued rather than awaited. One connection, so the next
 * statement is certain to run where the budgeted one did.
 */
describe('withBudget', () => {
  const database = connectDatabase(inject('databaseUrl'), { max: 1, applicationName: 'budget-test' });
  afterAll(() => database.close());
  const { db } = database;
  const show = async (name: string) =>
    (await sql<Record<string, string>>`SELECT current_setting(${name}) AS v`.execute(db)).rows[0]!.v;
  // Outside a transaction a statement's start is its transaction's start.
  const untouched = async () => ({
    timeout: await show('statement_timeout'),
    bitmaps: await show('enable_bitmapscan'),
    autocommit: (await sql<{ same: boolean }>`SELECT now() = statement_timestamp() AS same`.execute(db))
      .rows[0]!.same,
  });

  it('answers within its settings and leaves the connection as it found it', async () => {
    const before = await untouched();
    const seen = await withBudget(
      db,
      5_000,
      async (trx) =>
        (
          await sql<{ t: string; b: string }>`SELECT current_setting('statement_timeout') AS t,
            current_setting('enable_bitmapscan') AS b`.execute(trx)
        ).rows[0],
      { enable_bitmapscan: 'off' },
    );
    expect(seen).toEqual({ t: '5s', b: 'off' });
    expect(await untouched()).toEqual(before);
  });

  it('gives up on a statement past its budget, and the connection is clean after', async () => {
    const before = await untouched();
    expect(await withBudget(db, 30, async (trx) => sql`SELECT pg_sleep(2)`.execute(trx))).toBeUndefined();
    expect(await untouched()).toEqual(before);
  });

  it("passes a failing statement's error on, and the connection is clean after", async () => {
    const before = await untouched();
    await expect(withBudget(db, 5_000, async (trx) => sql`SELECT 1 / 0`.execute(trx))).rejects.toMatchObject({
      code: '22012',
    });
    expect(await untouched()).toEqual(before);
  });
});
