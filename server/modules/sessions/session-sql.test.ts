import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/database';
import { recordedDatabase } from '../../test/recorded-db';
import { withBudget } from './session-sql';

/**
 * A statement within a budget (session-sql.ts): it runs on a connection kept for budgeted statements
 * (db/connection.ts), under its own timeout and planner settings whatever the statement before it on
 * that connection asked — after an answer, a timeout or an error — and the handle's own connections
 * never see them. One connection in each pool, so the next statement of a kind (bitmap scans allowed
 * or not, each kind with a pool of its own) is certain to run where the last one of that kind did.
 */
describe('withBudget', () => {
  const database = connectDatabase(inject('databaseUrl'), { max: 1, applicationName: 'budget-test' });
  afterAll(() => database.close());
  const { db, statements } = recordedDatabase(database.pool);
  const show = async (name: string) =>
    (await sql<Record<string, string>>`SELECT current_setting(${name}) AS v`.execute(db)).rows[0]!.v;
  const untouched = async () => ({
    timeout: await show('statement_timeout'),
    bitmaps: await show('enable_bitmapscan'),
  });
  const settingsWithin = (budgetMs: number, planner?: { enable_bitmapscan: 'on' | 'off' }) =>
    withBudget(
      db,
      budgetMs,
      async (trx) =>
        (
          await sql<{ t: string; b: string }>`SELECT current_setting('statement_timeout') AS t,
            current_setting('enable_bitmapscan') AS b`.execute(trx)
        ).rows[0],
      planner,
    );

  it("answers within its own settings, never another budgeted statement's, and leaves the handle's connections alone", async () => {
    const before = await untouched();
    expect(await settingsWithin(5_000, { enable_bitmapscan: 'off' })).toEqual({ t: '5s', b: 'off' });
    expect(await settingsWithin(4_000)).toEqual({ t: '4s', b: 'on' });
    // The same connection as the first: its timeout was that statement's alone.
    expect(await settingsWithin(4_000, { enable_bitmapscan: 'off' })).toEqual({ t: '4s', b: 'off' });
    expect(await settingsWithin(3_000, { enable_bitmapscan: 'off' })).toEqual({ t: '3s', b: 'off' });
    expect(await untouched()).toEqual(before);
  });

  it('costs no round trip but its own when the connection already holds its settings', async () => {
    await settingsWithin(3_000);
    statements.length = 0;
    await settingsWithin(3_000);
    await settingsWithin(3_000);
    expect(statements.filter((statement) => /^SET /.test(statement))).toEqual([]);
    await settingsWithin(2_000);
    expect(statements.filter((statement) => /^SET /.test(statement))).toEqual([
      'SET statement_timeout = 2000',
    ]);
  });

  it('sends no SET when statements of both kinds alternate, nor for a budget counting down to a deadline', async () => {
    await settingsWithin(3_000);
    await settingsWithin(3_000, { enable_bitmapscan: 'off' });
    statements.length = 0;
    for (let i = 0; i < 3; i++) {
      expect(await settingsWithin(3_000)).toEqual({ t: '3s', b: 'on' });
      expect(await settingsWithin(3_000, { enable_bitmapscan: 'off' })).toEqual({ t: '3s', b: 'off' });
    }
    // What is left of a deadline: rounded up to the timeout the connection holds.
    expect(await settingsWithin(2_991.4, { enable_bitmapscan: 'off' })).toEqual({ t: '3s', b: 'off' });
    expect(await settingsWithin(2_999)).toEqual({ t: '3s', b: 'on' });
    expect(statements.filter((statement) => /^SET /.test(statement))).toEqual([]);
    expect(await settingsWithin(2_989)).toEqual({ t: '2990ms', b: 'on' });
  });

  it('gives up on a statement past its budget, and the next one runs under its own settings', async () => {
    const before = await untouched();
    expect(await withBudget(db, 30, async (trx) => sql`SELECT pg_sleep(2)`.execute(trx))).toBeUndefined();
    expect(await settingsWithin(5_000)).toEqual({ t: '5s', b: 'on' });
    expect(await untouched()).toEqual(before);
  });

  it("passes a failing statement's error on, and the next one runs under its own settings", async () => {
    await expect(withBudget(db, 5_000, async (trx) => sql`SELECT 1 / 0`.execute(trx))).rejects.toMatchObject({
      code: '22012',
    });
    expect(await settingsWithin(6_000, { enable_bitmapscan: 'off' })).toEqual({ t: '6s', b: 'off' });
  });

  it("closes its budgeted connections with the handle's own", async () => {
    const name = `budget-close-${process.pid}`;
    const other = connectDatabase(inject('databaseUrl'), { max: 2, applicationName: name });
    await sql`SELECT 1`.execute(other.db);
    expect(await withBudget(other.db, 5_000, async (trx) => sql`SELECT 1`.execute(trx))).toBeDefined();
    const open = async () =>
      (
        await sql<{ count: number }>`SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE application_name = ${name}`.execute(db)
      ).rows[0]!.count;
    // The handle's connection and the budgeted one.
    expect(await open()).toBe(2);
    await other.close();
    // A backend leaves pg_stat_activity a moment after its client said goodbye.
    for (let waited = 0; (await open()) > 0 && waited < 5_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await open()).toBe(0);
  });
});
