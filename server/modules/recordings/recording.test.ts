import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminPrincipal, bearer, createTenant, createUser, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { eventually } from '../../test/live-kit';
import { insertSession } from '../../test/session-fixtures';

const MEDIA_DIR = path.join(import.meta.dirname, '../../test/fixtures/media');
const fixture = (name: string) => fs.readFileSync(path.join(MEDIA_DIR, name));
const LIMIT = 60_000;

/** What the tests read of the API's answers (recordings, lists and errors). */
interface Answer {
  id: string;
  kind: string;
  state: string;
  durationSeconds: number | null;
  mediaUrl: string;
  code: string;
  message: string;
  recordings: Answer[];
}

const { app, services, config } = await useTestApp({ live: {}, config: { maxRecordingBytes: LIMIT } });
const objectsRoot = config.storage.kind === 'filesystem' ? config.storage.root : '';

async function mediaKey(tenant: TestTenant) {
  const key = await services.apiKeys.create(
    { tenantId: tenant.id, userId: null, apiKeyId: null },
    { name: 'PBX', role: 'media' },
  );
  return { authorization: `Bearer ${key.key}` };
}

function storedFiles(tenantId: string): string[] {
  const dir = path.join(objectsRoot, 'tenants', tenantId, 'recordings');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

let tenant: TestTenant;
let media: { authorization: string };
let avSession: string;
let phoneSession: string;

beforeAll(async () => {
  tenant = await createTenant(services);
  media = await mediaKey(tenant);
  await services.settings.change(adminPrincipal(tenant), { recordingAv: true, recordingPhone: true });
  avSession = await insertSession(services, tenant.id, { channel: 'av' });
  phoneSession = await insertSession(services, tenant.id, { channel: 'phone' });
});

const ingest = (
  sessionId: string,
  body: Buffer | Readable,
  contentType: string,
  options: { kind?: string; headers?: Record<string, string>; auth?: { authorization: string } } = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/sessions/${sessionId}/recordings?kind=${options.kind ?? 'client'}&startedAt=2026-11-30T10:00:00Z`,
    headers: { ...(options.auth ?? media), 'content-type': contentType, ...options.headers },
    payload: body,
  });

async function readyRecording(sessionId: string, id: string) {
  return eventually(async () => {
    const list = await app.inject({
      url: `/api/v1/sessions/${sessionId}/recordings`,
      headers: bearer(tenant.admin),
    });
    const item = list.json<Answer>().recordings.find((r) => r.id === id);
    expect(item?.state).toBe('ready');
    return item as Answer;
  });
}

describe('recording ingest', () => {
  it.each([
    ['tone.webm', 'audio/webm', 'client'],
    ['screen.webm', 'video/webm', 'screen'],
    ['tone.ogg', 'audio/ogg', 'operator'],
    ['tone.m4a', 'audio/mp4', 'all'],
    ['tone.mp3', 'audio/mpeg', 'client'],
    ['tone.wav', 'audio/wav', 'client'],
  ])('takes %s as %s, probes its length and streams it back', async (file, type, kind) => {
    const bytes = fixture(file);
    const response = await ingest(avSession, bytes, type, { kind });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<Answer>();
    expect(created).toMatchObject({ kind, state: 'processing', mediaType: type, sizeBytes: bytes.length });
    const ready = await readyRecording(avSession, created.id);
    expect(ready.durationSeconds).toBe(3);
    expect(ready.mediaUrl).toBe(`/api/v1/sessions/${avSession}/recordings/${created.id}/media`);
    const back = await app.inject({ url: ready.mediaUrl, headers: bearer(tenant.admin) });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe(type);
    expect(back.headers['accept-ranges']).toBe('bytes');
    expect(back.rawPayload.equals(bytes)).toBe(true);
  });

  it('takes a phone call recording of a phone session, and refuses one of a chat', async () => {
    expect(
      (await ingest(phoneSession, fixture('tone.mp3'), 'audio/mpeg', { kind: 'phone' })).statusCode,
    ).toBe(201);
    const wrong = await ingest(avSession, fixture('tone.mp3'), 'audio/mpeg', { kind: 'phone' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json<Answer>().code).toBe('recordings.wrong_channel');
  });

  it('refuses a body that is not the declared container, and keeps nothing', async () => {
    const countRows = async () =>
      (await services.db.selectFrom('recordings').select('id').where('tenant_id', '=', tenant.id).execute())
        .length;
    const files = storedFiles(tenant.id).length;
    const rows = await countRows();
    const lying = await ingest(avSession, fixture('tone.wav'), 'audio/webm');
    expect(lying.statusCode).toBe(415);
    expect(lying.json<Answer>()).toMatchObject({ code: 'recordings.wrong_type' });
    const html = await ingest(avSession, Buffer.from('<html><script>alert(1)</script></html>'), 'text/html');
    expect(html.statusCode).toBe(415);
    const png = await ingest(avSession, fixture('pixel.png'), 'audio/mpeg');
    expect(png.statusCode).toBe(415);
    expect(png.json<Answer>().message).toMatch(/image\/png/);
    expect(storedFiles(tenant.id)).toHaveLength(files);
    expect(await countRows()).toBe(rows);
  });

  it('refuses a body over the limit, by its Content-Length and while streaming one without', async () => {
    const big = Buffer.concat([fixture('tone.wav'), Buffer.alloc(LIMIT)]);
    const declared = await ingest(avSession, big, 'audio/wav');
    expect(declared.statusCode).toBe(413);
    expect(declared.json<Answer>().code).toBe('recordings.too_large');
    const before = storedFiles(tenant.id).length;
    const chunks = Array.from({ length: 12 }, (_, i) => big.subarray(i * 9000, (i + 1) * 9000));
    const streamed = await ingest(avSession, Readable.from(chunks), 'audio/wav');
    expect(streamed.statusCode).toBe(413);
    expect(storedFiles(tenant.id)).toHaveLength(before);
  });

  it('stores nothing when the workspace does not record that kind', async () => {
    const other = await createTenant(services);
    const key = await mediaKey(other);
    const session = await insertSession(services, other.id, { channel: 'av' });
    const phone = await insertSession(services, other.id, { channel: 'phone' });
    await services.settings.change(adminPrincipal(other), { recordingAv: false, recordingPhone: true });
    const refused = await ingest(session, fixture('tone.webm'), 'audio/webm', { auth: key });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<Answer>().code).toBe('recordings.disabled');
    expect(
      (await ingest(phone, fixture('tone.mp3'), 'audio/mpeg', { kind: 'phone', auth: key })).statusCode,
    ).toBe(201);
    await services.settings.change(adminPrincipal(other), { recordingPhone: false });
    expect(
      (await ingest(phone, fixture('tone.mp3'), 'audio/mpeg', { kind: 'phone', auth: key })).statusCode,
    ).toBe(403);
    expect(storedFiles(other.id)).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key with the first recording', async () => {
    const headers = { 'idempotency-key': 'pbx-call-77' };
    const first = await ingest(phoneSession, fixture('tone.mp3'), 'audio/mpeg', { kind: 'phone', headers });
    const again = await ingest(phoneSession, fixture('tone.mp3'), 'audio/mpeg', { kind: 'phone', headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json<Answer>().id).toBe(first.json<Answer>().id);
  });

  it('lets only media keys send, and media keys do nothing else', async () => {
    const asAdmin = await ingest(avSession, fixture('tone.webm'), 'audio/webm', {
      auth: bearer(tenant.admin),
    });
    expect(asAdmin.statusCode).toBe(403);
    const list = await app.inject({ url: '/api/v1/sessions', headers: media });
    expect(list.statusCode).toBe(403);
    const other = await createTenant(services);
    const foreign = await ingest(avSession, fixture('tone.webm'), 'audio/webm', {
      auth: await mediaKey(other),
    });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('recording playback', () => {
  let url: string;
  let bytes: Buffer;
  let recordingId: string;
  beforeAll(async () => {
    bytes = fixture('tone.wav');
    const created = (await ingest(avSession, bytes, 'audio/wav')).json<Answer>();
    recordingId = created.id;
    url = (await readyRecording(avSession, created.id)).mediaUrl;
  });
  const get = (range?: string, headers = bearer(tenant.admin)) =>
    app.inject({ url, headers: { ...headers, ...(range ? { range } : {}) } });

  it('answers byte ranges: the first byte, the middle, a suffix', async () => {
    const size = bytes.length;
    const first = await get('bytes=0-0');
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-0/${size}`);
    expect(first.rawPayload.equals(bytes.subarray(0, 1))).toBe(true);
    const middle = await get('bytes=20000-20099');
    expect(middle.statusCode).toBe(206);
    expect(middle.headers['content-length']).toBe('100');
    expect(middle.rawPayload.equals(bytes.subarray(20000, 20100))).toBe(true);
    const suffix = await get('bytes=-10');
    expect(suffix.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(suffix.rawPayload.equals(bytes.subarray(size - 10))).toBe(true);
    const open = await get(`bytes=${size - 5}-`);
    expect(open.rawPayload.equals(bytes.subarray(size - 5))).toBe(true);
  });

  it('answers 416 for a range past the end', async () => {
    const past = await get(`bytes=${bytes.length}-`);
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(past.json<Answer>().code).toBe('range_not_satisfiable');
  });

  it('answers several ranges as multipart/byteranges', async () => {
    const several = await get('bytes=0-3,100-103');
    expect(several.statusCode).toBe(206);
    const type = String(several.headers['content-type']);
    expect(type).toMatch(/^multipart\/byteranges; boundary=/);
    const body = several.rawPayload.toString('latin1');
    expect(body).toContain(`Content-Range: bytes 0-3/${bytes.length}`);
    expect(body).toContain(`Content-Range: bytes 100-103/${bytes.length}`);
    expect(body).toContain(bytes.subarray(100, 104).toString('latin1'));
    expect(Number(several.headers['content-length'])).toBe(several.rawPayload.length);
  });

  it('audits a playback from the start and a download, not every seek', async () => {
    const count = async (action: string) =>
      (
        await services.db
          .selectFrom('audit_events')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('action', '=', action)
          .where('object_id', '=', recordingId)
          .execute()
      ).length;
    const plays = await count('recording.play');
    await get('bytes=0-');
    await get('bytes=30000-');
    expect(await count('recording.play')).toBe(plays + 1);
    const download = await app.inject({ url: `${url}?download=1`, headers: bearer(tenant.admin) });
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="session-/);
    expect(await count('recording.download')).toBe(1);
  });

  it('is not found for another tenant or an operator who may not see the session', async () => {
    const other = await createTenant(services);
    expect((await get(undefined, bearer(other.admin))).statusCode).toBe(404);
    expect(
      (await app.inject({ url: `/api/v1/sessions/${avSession}/recordings`, headers: bearer(other.admin) }))
        .statusCode,
    ).toBe(404);
    const operator = await createUser(services, tenant.slug, 'operator');
    expect((await get(undefined, bearer(operator))).statusCode).toBe(404);
  });
});

describe('recording retention', () => {
  it('removes exactly the recordings older than the tenant keeps, with a note in the transcript', async () => {
    const own = await createTenant(services);
    const key = await mediaKey(own);
    await services.settings.change(adminPrincipal(own), { recordingAv: true, recordingRetentionDays: 30 });
    const session = await insertSession(services, own.id, { channel: 'av' });
    const day = 24 * 3600 * 1000;
    const ids: Record<string, string> = {};
    for (const [name, ageDays] of [
      ['old', 31],
      ['edge', 29.9],
      ['new', 1],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${session}/recordings?kind=client&startedAt=${new Date(Date.now() - ageDays * day).toISOString()}`,
        headers: { ...key, 'content-type': 'audio/webm' },
        payload: fixture('tone.webm'),
      });
      ids[name] = response.json<Answer>().id;
    }
    const keyOfOld = (
      await services.db
        .selectFrom('recordings')
        .select('object_key')
        .where('id', '=', ids.old!)
        .executeTakeFirstOrThrow()
    ).object_key!;
    await services.recordings.applyRetention();
    const left = await services.db
      .selectFrom('recordings')
      .select('id')
      .where('tenant_id', '=', own.id)
      .execute();
    expect(left.map((row) => row.id).sort()).toEqual([ids.edge, ids.new].sort());
    expect(await services.store.stat(keyOfOld)).toBeNull();
    const notes = await services.db
      .selectFrom('activities')
      .select(['system_code', 'system_data'])
      .where('tenant_id', '=', own.id)
      .where('session_id', '=', session)
      .where('system_code', '=', 'recording_deleted')
      .execute();
    expect(notes).toHaveLength(1);
  });
});
