import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { DB } from './types.generated';
import { attachPool, closeBudgetedPool } from './connection';
import { migrations } from './migrations';

export type Database = Kysely<DB>;

// bigint ids travel as strings (exact beyond 2^53); counts come back as numbers where we cast them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(
  url: string,
  options: { max?: number; applicationName?: string } = {},
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'sessiondesk',
    // Guards against a runaway query holding a connection; long exports open their own.
    statement_timeout: 60_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own errors.
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  attachPool(db, pool);
  return {
    db,
    pool,
    close: async () => {
      await db.destroy();
      await closeBudgetedPool(pool);
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any typed handle
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Features land in parallel; a migration numbered below an applied one must still run.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error('Migration failed', { cause: result.error });
  return result;
}

/** Names of migrations that exist in code but are not yet applied to the database. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const all = await migrator.getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}
