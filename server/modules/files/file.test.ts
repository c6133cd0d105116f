import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import {
  addGroup,
  addOperator,
  addRule,
  clientHeaders,
  createLiveTenant,
  eventually,
  operatorPost,
  startChat,
  type LiveTenant,
  type StartedChat,
} from '../../test/live-kit';

const PNG = fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/media/pixel.png'));
const LIMIT = 50_000;

const { app, services } = await useTestApp({ live: {}, config: { maxFileBytes: LIMIT } });

interface Line {
  id: string;
  sender: string;
  file: { name: string; size: number | null; mimeType: string | null; url: string | null } | null;
}

let tenant: LiveTenant;
let operator: Awaited<ReturnType<typeof addOperator>>;
let chat: StartedChat;

beforeAll(async () => {
  tenant = await createLiveTenant(services);
  const group = await addGroup(services, tenant.id);
  await addRule(services, tenant.id, { groupId: group, fallback: true });
  operator = await addOperator(services, tenant, { groups: [{ id: group }] });
  chat = await startChat(app, tenant.widgetKey, { name: 'Jana Nováková' });
  await eventually(async () => {
    const accepted = await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
    expect(accepted.statusCode).toBe(200);
  });
});

const clientUpload = (name: string, body: Buffer, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/live/client/sessions/${chat.sessionId}/files?name=${encodeURIComponent(name)}`,
    headers: { ...clientHeaders(tenant, chat), 'content-type': 'application/octet-stream', ...headers },
    payload: body,
  });

async function lines(): Promise<Line[]> {
  const response = await app.inject({
    url: `/api/v1/sessions/${chat.sessionId}/transcript?limit=100`,
    headers: bearer(tenant.admin),
  });
  return response.json<{ items: Line[] }>().items;
}

describe('session files', () => {
  it('takes a photo from the client, sniffs it, and shows it inline to a colleague', async () => {
    const sent = await clientUpload('../../fotka poškození.png', PNG, { 'content-type': 'text/plain' });
    expect(sent.statusCode, sent.body).toBe(201);
    const line = (await lines()).find((item) => item.id === sent.json<{ id: string }>().id);
    expect(line?.file).toMatchObject({
      name: 'fotka poškození.png',
      size: PNG.length,
      mimeType: 'image/png',
    });
    const colleague = await createUser(services, tenant.slug, 'supervisor');
    const opened = await app.inject({ url: line!.file!.url!, headers: bearer(colleague) });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('image/png');
    expect(opened.headers['content-disposition']).toMatch(/^inline;/);
    expect(opened.rawPayload.equals(PNG)).toBe(true);
    const audited = await services.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('object_type', '=', 'activity')
      .where('object_id', '=', line!.id)
      .execute();
    expect(audited.map((row) => row.action)).toEqual(['file.view']);
  });

  it('serves an uploaded HTML or SVG file inert: an attachment of bytes, never a page', async () => {
    for (const [name, body] of [
      ['page.html', '<!doctype html><html><script>alert(document.cookie)</script></html>'],
      [
        'logo.svg',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
      ],
    ] as const) {
      const sent = await clientUpload(name, Buffer.from(body), {
        'content-type': name.endsWith('svg') ? 'image/svg+xml' : 'text/html',
      });
      expect(sent.statusCode).toBe(201);
      const line = (await lines()).find((item) => item.id === sent.json<{ id: string }>().id)!;
      expect(line.file?.mimeType).toBe('application/octet-stream');
      const opened = await app.inject({ url: line.file!.url!, headers: bearer(tenant.admin) });
      expect(opened.headers['content-type']).toBe('application/octet-stream');
      expect(opened.headers['content-disposition']).toMatch(/^attachment;/);
      expect(opened.headers['x-content-type-options']).toBe('nosniff');
      expect(opened.headers['content-security-policy']).toContain('sandbox');
      // Asked to show it inline, still an attachment.
      const again = await app.inject({ url: `${line.file!.url!}?download=0`, headers: bearer(tenant.admin) });
      expect(again.headers['content-disposition']).toMatch(/^attachment;/);
    }
  });

  it('lets the operator in the session send a file, and refuses one over the limit', async () => {
    const sent = await app.inject({
      method: 'POST',
      url: `/api/v1/live/operator/sessions/${chat.sessionId}/files?name=navod.txt`,
      headers: { ...bearer(operator), 'content-type': 'text/plain' },
      payload: 'Postup reklamace: 1. …',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const line = (await lines()).find((item) => item.id === sent.json<{ id: string }>().id);
    expect(line).toMatchObject({ sender: 'operator', file: { name: 'navod.txt', mimeType: 'text/plain' } });

    const big = await clientUpload('big.bin', Buffer.alloc(LIMIT + 1, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json<{ code: string }>().code).toBe('files.too_large');
  });

  it('refuses a file from an operator who is not in the session, keeping nothing', async () => {
    const other = await addOperator(services, tenant);
    const before = await lines();
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/live/operator/sessions/${chat.sessionId}/files?name=x.txt`,
      headers: { ...bearer(other), 'content-type': 'text/plain' },
      payload: 'nope',
    });
    expect([403, 404]).toContain(refused.statusCode);
    expect(await lines()).toHaveLength(before.length);
  });

  it('does not serve a file to another tenant or to an operator who may not see the session', async () => {
    const line = (await lines()).find((item) => item.file?.mimeType === 'image/png')!;
    const other = await createTenant(services);
    expect((await app.inject({ url: line.file!.url!, headers: bearer(other.admin) })).statusCode).toBe(404);
    const outsider = await addOperator(services, tenant);
    expect((await app.inject({ url: line.file!.url!, headers: bearer(outsider) })).statusCode).toBe(404);
  });

  it('removes files past the tenant’s file retention; the line stays and says so', async () => {
    const line = (await lines()).find((item) => item.file?.mimeType === 'image/png')!;
    await services.db
      .updateTable('activities')
      .set({ at: new Date(Date.now() - 731 * 24 * 3600 * 1000) })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', line.id)
      .execute();
    const keep = (await lines()).filter((item) => item.file && item.id !== line.id && item.file.url);
    expect(await services.files.applyRetention()).toBeGreaterThanOrEqual(1);
    const gone = await app.inject({ url: line.file!.url!, headers: bearer(tenant.admin) });
    expect(gone.statusCode).toBe(410);
    expect(gone.json<{ code: string }>().code).toBe('files.deleted');
    for (const item of keep) {
      expect((await app.inject({ url: item.file!.url!, headers: bearer(tenant.admin) })).statusCode).toBe(
        200,
      );
    }
  });
});
