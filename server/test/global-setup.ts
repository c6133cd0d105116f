import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../db/database';
import { openEmbeddedDatabase } from '../db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: the embedded one in a temporary directory, or the server named by
 * TEST_DATABASE_URL (CI runs the suite a second time against Debian's PostgreSQL). A fresh database is
 * created and migrated; tests isolate themselves by creating their own tenants.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let release = async (): Promise<void> => {};
  let tmpDir: string | undefined;
  if (!serverUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-test-'));
    const embedded = await openEmbeddedDatabase(tmpDir, (line) => process.stderr.write(`${line}\n`));
    serverUrl = embedded.url;
    release = embedded.release;
  }

  const name = `sessiondesk_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString() }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('databaseUrl', url.toString());

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await release();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
}
