import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { enumColumns } from '../../common/domain';
import { useTestApp } from '../test/harness';

/** Tables that belong to no tenant. Everything else must be distributable by tenant_id. */
const GLOBAL_TABLES = new Set(['tenants', 'login_attempts', 'schema_migrations', 'schema_migrations_lock']);

describe('schema', async () => {
  const { services } = await useTestApp();
  const db = services.db;

  const tables = await sql<{ table_name: string }>`
    SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(db);
  const tenantTables = tables.rows.map((row) => row.table_name).filter((name) => !GLOBAL_TABLES.has(name));

  it('has tenant-owned tables to check', () => {
    expect(tenantTables).toContain('sessions');
    expect(tenantTables).toContain('activities');
  });

  it('leads every tenant-owned primary key, foreign key and index with tenant_id', async () => {
    const keys = await sql<{ table_name: string; kind: string; name: string; first_column: string | null }>`
      SELECT c.relname AS table_name, 'constraint ' || con.contype::text AS kind, con.conname AS name,
             (SELECT attname FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = con.conkey[1]) AS first_column
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND con.contype IN ('p', 'f', 'u')
      UNION ALL
      SELECT t.relname, 'index'::text, i.relname,
             (SELECT attname FROM pg_attribute WHERE attrelid = t.oid AND attnum = ix.indkey[0])
      FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'`.execute(db);

    const offenders = keys.rows
      .filter((key) => tenantTables.includes(key.table_name))
      .filter((key) => key.first_column !== 'tenant_id')
      .map(
        (key) =>
          `${key.table_name}: ${key.kind} ${key.name} starts with ${key.first_column ?? 'an expression'}`,
      );
    expect(offenders).toEqual([]);

    const withoutPrimaryKey = tenantTables.filter(
      (table) => !keys.rows.some((key) => key.table_name === table && key.kind === 'constraint p'),
    );
    expect(withoutPrimaryKey).toEqual([]);
  });

  it('constrains every enumerated column to exactly the values the code knows', async () => {
    for (const [column, values] of Object.entries(enumColumns)) {
      const [table = '', name = ''] = column.split('.');
      // Insert-free check: ask the constraint to evaluate each known value and one unknown value.
      const checks = await sql<{ def: string }>`
        SELECT pg_get_constraintdef(con.oid) AS def FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
        WHERE c.relname = ${table} AND con.contype = 'c'`.execute(db);
      const constraint = checks.rows
        .map((row) => row.def)
        .find((def) => new RegExp(`\\(${name} = ANY|\\(\\(${name} = ANY`).test(def));
      expect(constraint, `CHECK on ${column}`).toBeDefined();
      const listed = [...(constraint ?? '').matchAll(/'([^']+)'::text/g)].map((match) => match[1]);
      expect(listed.sort(), column).toEqual([...values].sort());
    }
  });
});
