import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrations } from './index';

/**
 * Migration 0012 on a database that already holds 0001's one-identity bans: each becomes a ban with one
 * identity under the API's kind names, normalised, an address with its network; an address that is no
 * address is not carried over (its ban stays, naming nothing).
 */
describe('migration 0012-bans', async () => {
  const serverUrl = new URL(inject('databaseUrl'));
  const name = `sessiondesk_m0012_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // The database is dropped WITH (FORCE) at the end: a connection still closing then hears "terminating
  // connection due to administrator command", which a pool without a listener throws as uncaught.
  pool.on('error', () => {});
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema changes under this test
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    allowUnorderedMigrations: true,
  });
  afterAll(async () => {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('carries the old one-identity bans over to ban_identities', async () => {
    const before = await migrator.migrateTo('0011-messaging-channels');
    expect(before.error).toBeUndefined();
    const tenant = await sql<{ id: string }>`
      INSERT INTO tenants (slug, name) VALUES ('m-0012', 'M') RETURNING id`.execute(db);
    const tenantId = tenant.rows[0]!.id;
    const old = [
      ['webchat', 'visitor_id', 'v-1'],
      ['webchat', 'ip', '10.1.2.3'],
      ['webchat', 'ip', 'not-an-address'],
      ['webchat', 'email', ' Spam@Example.com'],
      ['whatsapp', 'wa_id', '420601000001'],
      ['whatsapp', 'phone', '+420 601 000 002'],
      ['messenger', 'psid', '123456'],
      ['apple', 'apple_id', 'urn:mbid:abc'],
      ['vkontakte', 'vk_id', '777'],
    ];
    for (const [channel, kind, value] of old)
      await sql`INSERT INTO bans (tenant_id, channel, identity_kind, identity_value, reason)
                VALUES (${tenantId}, ${channel}, ${kind}, ${value}, 'old')`.execute(db);

    const after = await migrator.migrateToLatest();
    expect(after.error).toBeUndefined();
    const rows = await sql<{ channel: string; kind: string; value: string; network: string | null }>`
      SELECT channel, kind, value, network::text FROM ban_identities WHERE tenant_id = ${tenantId}
      ORDER BY ban_id`.execute(db);
    expect(rows.rows).toEqual([
      { channel: 'webchat', kind: 'visitorId', value: 'v-1', network: null },
      { channel: 'webchat', kind: 'ip', value: '10.1.2.3/32', network: '10.1.2.3/32' },
      { channel: 'webchat', kind: 'email', value: 'spam@example.com', network: null },
      { channel: 'whatsapp', kind: 'waId', value: '420601000001', network: null },
      { channel: 'whatsapp', kind: 'phone', value: '+420601000002', network: null },
      { channel: 'messenger', kind: 'psid', value: '123456', network: null },
      { channel: 'apple', kind: 'appleId', value: 'urn:mbid:abc', network: null },
      { channel: 'vkontakte', kind: 'vkId', value: '777', network: null },
    ]);
    const bans = await sql<{
      n: string;
    }>`SELECT count(*)::text AS n FROM bans WHERE tenant_id = ${tenantId}`.execute(db);
    expect(bans.rows[0]!.n).toBe(String(old.length));
  });
});
