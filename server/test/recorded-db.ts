import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import type pg from 'pg';
import { attachPool } from '../db/connection';
import type { Database } from '../db/database';
import type { DB } from '../db/types.generated';

/**
 * A database handle on the test pool whose statements are recorded as the driver runs them, so a test
 * can say what a service asked PostgreSQL (and, as surely, what it did not).
 */
export function recordedDatabase(pool: pg.Pool): { db: Database; statements: string[] } {
  const statements: string[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') statements.push(event.query.sql);
  };
  const db: Database = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  attachPool(db, pool, log);
  return { db, statements };
}
