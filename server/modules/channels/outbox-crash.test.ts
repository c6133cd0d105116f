import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { clientSessions, deliveryRow } from '../../test/channel-kit';
import { createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { equipTenant, eventually, pendingOffers } from '../../test/live-kit';
import { freePort, startServerProcess, type ServerProcess } from '../../test/server-process';
import { channelsSandbox } from './sandbox/channels-sandbox';

/**
 * `kill -9` between the commit of an operator's reply and its send. The server runs as a child process
 * (`sessiondesk serve`, the only one with job workers) on the run's database; the stand-in platform is
 * down (503), so the reply is committed with its outbox job and cannot have been accepted by the
 * platform when the process is killed. A new server on the same database and data directory then
 * sends it: the stand-in records exactly one accepted message, and the line ends `delivered`.
 */

const secretKey = randomBytes(32);
// This process only prepares and reads the database: it runs no workers, so it sends nothing itself.
const { app, services } = await useTestApp({ config: { secretKey } });
const sandbox = channelsSandbox();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-crash-'));
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill9();
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('sends a reply committed by a server killed with SIGKILL exactly once, from the next server', async () => {
  await sandbox.listen();
  const port = await freePort();
  const env = {
    DATABASE_URL: inject('databaseUrl'),
    DATA_DIR: dataDir,
    SESSIONDESK_SECRET_KEY: secretKey.toString('hex'),
  };
  const first = await startServerProcess(port, env);
  servers.push(first);

  const tenant = await createTenant(services);
  const { operator } = await equipTenant(services, tenant);
  const phoneNumberId = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
  const accessToken = `EAA${randomBytes(16).toString('hex')}`;
  const appSecret = randomBytes(16).toString('hex');
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: { authorization: `Bearer ${tenant.admin.apiKey}` },
    payload: {
      type: 'whatsapp',
      name: 'WhatsApp (crash test)',
      config: { phoneNumberId, accessToken, appSecret, verifyToken: 'verify-crash', baseUrl: sandbox.url },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const accountId = created.json<{ id: string }>().id;
  sandbox.whatsapp.addAccount({
    phoneNumberId,
    accessToken,
    appSecret,
    webhookUrl: `${first.url}/webhooks/whatsapp/${accountId}`,
  });

  // The client writes; the child's workers route it to the operator.
  const waId = '420603000001';
  expect((await sandbox.whatsapp.inbound(phoneNumberId, { waId }, { text: 'Dobrý den' })).status).toBe(200);
  const session = await eventually(async () => {
    const [found] = await clientSessions(services, tenant.id, waId);
    expect(found).toBeDefined();
    expect(await pendingOffers(services, tenant.id, found!.id)).toHaveLength(1);
    return found!;
  }, 60_000);

  // The platform is down: the reply commits with its outbox job, and no attempt can be accepted.
  sandbox.faults.down = 503;
  const operatorCall = (suffix: string, body?: unknown) =>
    fetch(`${first.url}/api/v1/live/operator/sessions/${session.id}${suffix}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${operator.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  expect((await operatorCall('/accept')).status).toBe(200);
  const written = await operatorCall('/messages', { text: 'Odpověď, která přežije pád serveru' });
  expect(written.status).toBe(201);
  const lineId = ((await written.json()) as { id: string }).id;

  // The first server's worker has taken the job and been refused at least once: the line is committed
  // and pending, the job is the queue's. Now the process dies without any chance to clean up.
  await eventually(async () => {
    expect(sandbox.sends('whatsapp').length).toBeGreaterThanOrEqual(1);
    const row = await deliveryRow(services, tenant.id, lineId);
    expect(row.state).toBe('pending');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
  }, 60_000);
  expect(await first.kill9()).toBe('SIGKILL');
  expect(sandbox.sends('whatsapp').every((request) => request.status === 503)).toBe(true);
  expect((await deliveryRow(services, tenant.id, lineId)).state).toBe('pending');

  // The platform is back, and a new server starts on the same database and data directory.
  delete sandbox.faults.down;
  const second = await startServerProcess(port, env);
  servers.push(second);
  // Its workers retry the job (after the queue's backoff, or the taken job's expiry): generous deadline.
  const sent = await eventually(async () => {
    const row = await deliveryRow(services, tenant.id, lineId);
    expect(row.state).toBe('sent');
    return row;
  }, 240_000);
  const accepted = sandbox.sends('whatsapp').filter((request) => request.status === 200);
  expect(accepted).toHaveLength(1);
  expect(accepted[0]?.body).toMatchObject({
    to: waId,
    type: 'text',
    text: { body: 'Odpověď, která přežije pád serveru' },
  });

  // The platform's status callback reaches the new server and moves the line on.
  expect((await sandbox.whatsapp.status(sent.platform_message_id ?? '', 'delivered')).status).toBe(200);
  expect((await deliveryRow(services, tenant.id, lineId)).state).toBe('delivered');
  // Nothing more is sent later (a repeated job, a late retry).
  await second.stop();
  expect(sandbox.sends('whatsapp').filter((request) => request.status === 200)).toHaveLength(1);
}, 420_000);
