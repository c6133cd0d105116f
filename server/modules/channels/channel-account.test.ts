import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { adminPrincipal, bearer, createTenant, createUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});
const { app, services, config } = await useTestApp({
  config: { logLevel: 'trace', publicUrl: 'https://desk.example.com' },
  logStream,
});

const whatsapp = {
  type: 'whatsapp',
  name: 'WhatsApp podpora',
  config: {
    phoneNumberId: '106540352242922',
    accessToken: 'EAAG-access-token-secret-1',
    appSecret: 'app-secret-value-2',
    verifyToken: 'verify-token-value-3',
    baseUrl: 'http://127.0.0.1:9/',
  },
};
const secrets = ['EAAG-access-token-secret-1', 'app-secret-value-2', 'verify-token-value-3'];

describe('channel accounts', () => {
  it('creates an account: 201 with the webhook URL, ids and settings, and no secret', async () => {
    const tenant = await createTenant(services);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: bearer(tenant.admin),
      payload: whatsapp,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; webhookUrl: string; config: Record<string, unknown> }>();
    expect(body).toMatchObject({
      type: 'whatsapp',
      name: 'WhatsApp podpora',
      enabled: true,
      config: { phoneNumberId: '106540352242922', baseUrl: 'http://127.0.0.1:9' },
      secretsSet: ['accessToken', 'appSecret', 'verifyToken'],
      webhookUrl: `https://desk.example.com/webhooks/whatsapp/${body.id}`,
    });
    for (const secret of secrets) expect(response.body).not.toContain(secret);

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/channels',
      headers: bearer(tenant.admin),
    });
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([body.id]);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/channels/${body.id}`,
      headers: bearer(tenant.admin),
    });
    expect(read.json()).toMatchObject({
      id: body.id,
      secretsSet: ['accessToken', 'appSecret', 'verifyToken'],
    });
    for (const secret of secrets) {
      expect(listed.body).not.toContain(secret);
      expect(read.body).not.toContain(secret);
    }
  });

  it('defaults the base URL to the real platform and the Messenger tag to off', async () => {
    const tenant = await createTenant(services);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: bearer(tenant.admin),
      payload: {
        type: 'messenger',
        name: 'Stránka',
        config: { pageId: '1234', pageAccessToken: 'p', appSecret: 'a', verifyToken: 'v' },
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      config: { pageId: '1234', humanAgentTag: false, baseUrl: 'https://graph.facebook.com' },
    });
  });

  it('keeps secrets encrypted at rest, sealed to their row, with a key file only its owner reads', async () => {
    const tenant = await createTenant(services);
    const created = await services.channelAccounts.create(adminPrincipal(tenant), whatsapp as never);
    const row = await services.db
      .selectFrom('channel_accounts')
      .select(['secrets', 'settings'])
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    for (const secret of secrets) {
      expect(row.secrets.includes(Buffer.from(secret))).toBe(false);
      expect(JSON.stringify(row.settings)).not.toContain(secret);
    }
    const opened = await services.channelAccounts.openAccount(tenant.id, created.id);
    expect(opened?.config).toMatchObject({ accessToken: secrets[0], appSecret: secrets[1] });
    const keyFile = path.join(config.dataDir, 'secret.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    // Copied to another account's row, the ciphertext does not open there.
    const other = await services.channelAccounts.create(adminPrincipal(tenant), {
      ...whatsapp,
      name: 'druhý',
    } as never);
    await services.db
      .updateTable('channel_accounts')
      .set({ secrets: row.secrets })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', other.id)
      .execute();
    await expect(services.channelAccounts.openAccount(tenant.id, other.id)).rejects.toThrow();
  });

  it('updates: renames, changes a setting, keeps secrets left out, replaces one given, disables', async () => {
    const tenant = await createTenant(services);
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: bearer(tenant.admin),
        payload: whatsapp,
      })
    ).json<{ id: string }>();
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${created.id}`,
      headers: bearer(tenant.admin),
      payload: {
        name: 'Nové jméno',
        enabled: false,
        config: { phoneNumberId: '999', accessToken: 'rotated-token-4' },
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Nové jméno',
      enabled: false,
      config: { phoneNumberId: '999' },
    });
    expect(response.body).not.toContain('rotated-token-4');
    const opened = await services.channelAccounts.openAccount(tenant.id, created.id);
    expect(opened?.config).toMatchObject({
      accessToken: 'rotated-token-4',
      appSecret: secrets[1],
      verifyToken: secrets[2],
    });
    expect(opened?.enabled).toBe(false);

    const enabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${created.id}`,
      headers: bearer(tenant.admin),
      payload: { enabled: true },
    });
    expect(enabled.json()).toMatchObject({ enabled: true, name: 'Nové jméno' });
  });

  it('refuses bad input with a code and a reason, and nothing is stored', async () => {
    const tenant = await createTenant(services);
    const cases = [
      { type: 'telegram', name: 'x', config: {} },
      { type: 'whatsapp', name: 'x', config: { ...whatsapp.config, accessToken: undefined } },
      { type: 'whatsapp', name: 'x', config: { ...whatsapp.config, baseUrl: 'ftp://example.com' } },
      { type: 'whatsapp', name: 'x', config: { ...whatsapp.config, unknownField: 1 } },
      { type: 'whatsapp', name: '', config: whatsapp.config },
      {
        type: 'vkontakte',
        name: 'x',
        config: { communityId: 'abc', accessToken: 'a', confirmationCode: 'c', secretKey: 's' },
      },
    ];
    for (const payload of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: bearer(tenant.admin),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: bearer(tenant.admin),
        payload: whatsapp,
      })
    ).json<{ id: string }>();
    const badUpdate = await app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${created.id}`,
      headers: bearer(tenant.admin),
      payload: { config: { phoneNumberId: 'bad id with spaces' } },
    });
    expect(badUpdate.statusCode).toBe(400);
    expect(badUpdate.json()).toMatchObject({ code: 'validation_failed', parameter: 'config.phoneNumberId' });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/channels/987654321',
      headers: bearer(tenant.admin),
    });
    expect(missing.statusCode).toBe(404);
    const rows = await services.db
      .selectFrom('channel_accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const tenant = await createTenant(services);
    for (const role of ['supervisor', 'operator'] as const) {
      const user = await createUser(services, tenant.slug, role);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: bearer(user),
        payload: whatsapp,
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('never writes a secret to the log', () => {
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [...secrets, 'rotated-token-4']) expect(log).not.toContain(secret);
  });
});
