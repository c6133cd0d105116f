/**
 * Regenerates server/db/types.generated.ts from a freshly migrated database (kysely-codegen), or with
 * --verify fails when the committed file differs from what the migrations produce (CI's drift check).
 * Uses TEST_DATABASE_URL's server when set (a scratch database is created and dropped), else a
 * throwaway embedded cluster.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../server/db/database';
import { openEmbeddedDatabase } from '../server/db/embedded-postgres';
import { enumColumns } from '../common/domain';

const verify = process.argv.includes('--verify');
const outFile = path.resolve(import.meta.dirname, '../server/db/types.generated.ts');

async function withScratchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `sessiondesk_types_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      await work(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-types-'));
  const embedded = await openEmbeddedDatabase(dir, (line) => process.stderr.write(`${line}\n`));
  try {
    await work(embedded.url);
  } finally {
    await embedded.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CHECK-constrained text columns become literal unions; nullable ones keep `| null`, and those with a
 * default stay optional on insert.
 */
async function enumOverrides(db: Kysely<unknown>) {
  const columns = await db
    .withoutPlugins()
    .executeQuery<{ name: string; nullable: boolean; has_default: boolean }>(
      sql`SELECT table_name || '.' || column_name AS name, is_nullable = 'YES' AS nullable,
                 column_default IS NOT NULL AS has_default
          FROM information_schema.columns WHERE table_schema = 'public'`.compile(db),
    )
    .then((result) => new Map(result.rows.map((row) => [row.name, row])));
  return {
    columns: Object.fromEntries(
      Object.entries(enumColumns).map(([column, values]) => {
        const info = columns.get(column);
        if (!info) throw new Error(`enumColumns names ${column}, which the schema does not have`);
        const union =
          values.map((value) => JSON.stringify(value)).join(' | ') + (info.nullable ? ' | null' : '');
        return [column, info.has_default ? `Generated<${union}>` : union];
      }),
    ),
  };
}

await withScratchDatabase(async (url) => {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });
  await migrateToLatest(db);
  const overrides = await enumOverrides(db);
  await db.destroy();
  execFileSync(
    path.resolve(import.meta.dirname, '../node_modules/.bin/kysely-codegen'),
    [
      '--dialect',
      'postgres',
      '--url',
      url,
      '--out-file',
      outFile,
      '--exclude-pattern',
      'public.schema_migrations*',
      '--type-mapping',
      '{"int8":"string"}',
      '--overrides',
      JSON.stringify(overrides),
      ...(verify ? ['--verify'] : []),
    ],
    { stdio: 'inherit' },
  );
});
