import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { RunningServer } from './server';

/** Runs `work` with a client of the started server's own database (what no API offers a test). */
async function withDatabase<T>(server: RunningServer, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const info = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'postgres.json'), 'utf8')) as {
    port: number;
    password: string;
  };
  const client = new pg.Client({
    host: '127.0.0.1',
    port: info.port,
    user: 'postgres',
    password: info.password,
    database: 'sessiondesk',
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The demo widget's public key. No API lists widget keys (they are configured in the embedding page),
 * so the harness reads it from the started server's own database.
 */
export async function demoWidgetKey(server: RunningServer): Promise<string> {
  return withDatabase(server, async (client) => {
    const result = await client.query<{ public_key: string }>(
      `SELECT w.public_key FROM widgets w JOIN tenants t ON t.id = w.tenant_id
        WHERE t.slug = $1 ORDER BY (w.name = 'main') DESC, w.id LIMIT 1`,
      [server.login.tenant],
    );
    const key = result.rows[0]?.public_key;
    if (!key) throw new Error('the demo workspace has no widget');
    return key;
  });
}

/** Makes a user a member of a demo group (by name), as an administrator would. */
export async function joinDemoGroup(server: RunningServer, email: string, group: string): Promise<void> {
  await withDatabase(server, async (client) => {
    const result = await client.query(
      `INSERT INTO group_members (tenant_id, group_id, user_id, priority)
       SELECT t.id, g.id, u.id, 100 FROM tenants t
         JOIN operator_groups g ON g.tenant_id = t.id AND g.name = $2
         JOIN users u ON u.tenant_id = t.id AND u.email = $3
       WHERE t.slug = $1`,
      [server.login.tenant, group, email],
    );
    if (result.rowCount !== 1) throw new Error(`could not add ${email} to ${group}`);
  });
}

/**
 * Visitors start `count` web chats through the public client API (the demo has no live sessions of
 * its own without the simulator); returns their session ids.
 */
export async function startDemoChats(server: RunningServer, count: number): Promise<string[]> {
  const widgetKey = await demoWidgetKey(server);
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${server.url}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-key': widgetKey },
      body: JSON.stringify({
        visitorId: `e2e-${randomBytes(4).toString('hex')}`,
        name: `Návštěvník ${index + 1}`,
        pageUrl: 'https://shop.example.cz/objednavky',
      }),
    });
    if (response.status !== 201) throw new Error(`starting a chat answered ${response.status}`);
    ids.push(((await response.json()) as { sessionId: string }).sessionId);
  }
  return ids;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A user with a password in the demo workspace, made with the CLI as an administrator would. */
export async function createDemoUser(
  server: RunningServer,
  user: { email: string; name: string; role: 'admin' | 'supervisor' | 'operator'; password: string },
): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'bin/sessiondesk.mjs'),
      'user',
      'create',
      '--tenant',
      server.login.tenant,
      '--email',
      user.email,
      '--role',
      user.role,
      '--name',
      user.name,
      '--password',
      user.password,
    ],
    { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' } },
  );
}

/**
 * Moves a messaging client's last message (the messaging window's start) back by `hours`, as if they
 * had written that long ago: the window is computed from it, and no API sets it.
 */
export async function clientWroteHoursAgo(server: RunningServer, clientId: string, hours: number) {
  await withDatabase(server, async (client) => {
    const result = await client.query(
      `UPDATE channel_clients c SET last_inbound_at = now() - make_interval(hours => $3)
         FROM tenants t WHERE t.id = c.tenant_id AND t.slug = $1 AND c.client_id = $2`,
      [server.login.tenant, clientId, hours],
    );
    if (result.rowCount !== 1) throw new Error(`no messaging client ${clientId}`);
  });
}
