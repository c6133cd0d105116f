import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { RunningServer } from './server';

/**
 * The demo widget's public key. No API lists widget keys (they are configured in the embedding page),
 * so the harness reads it from the started server's own database.
 */
export async function demoWidgetKey(server: RunningServer): Promise<string> {
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
    const result = await client.query<{ public_key: string }>(
      `SELECT w.public_key FROM widgets w JOIN tenants t ON t.id = w.tenant_id
        WHERE t.slug = $1 ORDER BY (w.name = 'main') DESC, w.id LIMIT 1`,
      [server.login.tenant],
    );
    const key = result.rows[0]?.public_key;
    if (!key) throw new Error('the demo workspace has no widget');
    return key;
  } finally {
    await client.end();
  }
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
