import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';

interface Item {
  id: string;
  channel: string;
  match?: { activityId: string | null; snippet: { text: string; hit: boolean }[] };
}

describe('content search (q=)', async () => {
  const { app, services } = await useTestApp();
  let tenant: TestTenant;
  const sessions: Record<string, string> = {};

  const search = async (q: string, extra: Record<string, string> = {}) => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      query: { q, limit: '100', ...extra },
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Item[]; total: number }>().items;
  };
  const found = async (q: string, extra: Record<string, string> = {}) =>
    (await search(q, extra))
      .map((item) => Object.entries(sessions).find(([, id]) => id === item.id)?.[0])
      .sort();

  beforeAll(async () => {
    tenant = await createTenant(services);
    const at = (day: number) => new Date(Date.UTC(2025, 2, day, 10));
    sessions.order = await insertSession(services, tenant.id, { createdAt: at(1), channel: 'webchat' }, [
      { sender: 'client', text: 'Dobrý den, kde je moje objednávka číslo 123?' },
      { sender: 'operator', text: 'Vaše objednávka je na cestě, doručení zítra.' },
    ]);
    sessions.invoice = await insertSession(services, tenant.id, { createdAt: at(2), channel: 'whatsapp' }, [
      { sender: 'client', text: 'Ve faktuře chybí DIČ.' },
      { sender: 'operator', text: 'Opravím to v objednávce i na faktuře.' },
    ]);
    sessions.complaint = await insertSession(services, tenant.id, { createdAt: at(3), channel: 'webchat' }, [
      { sender: 'client', text: 'Chci podat reklamaci, kniha přišla poškozená.' },
      { sender: 'operator', text: 'Ke knize pošlete foto, reklamací se zabývá kolega.' },
      { sender: 'system', text: 'Operátor Petr opustil konverzaci', systemCode: 'left' },
    ]);
    sessions.rights = await insertSession(services, tenant.id, { createdAt: at(4), channel: 'messenger' }, [
      { sender: 'operator', text: 'Ta sleva vám přísluší podle smlouvy.' },
      { sender: 'client', fileName: 'smlouva_2025.pdf' },
    ]);
    sessions.english = await insertSession(services, tenant.id, { createdAt: at(5), channel: 'webchat' }, [
      { sender: 'client', text: 'Hello, my ORDER has not been delivered. Good day!' },
      { sender: 'operator', text: 'Sorry, the delivery is late; good news tomorrow.' },
    ]);
  });

  it('finds inflected forms of a Czech word, ignoring case and diacritics', async () => {
    expect(await found('objednávka')).toEqual(['invoice', 'order']);
    expect(await found('OBJEDNAVCE')).toEqual(['invoice', 'order']);
    expect(await found('faktura')).toEqual(['invoice']);
    expect(await found('kniha')).toEqual(['complaint']);
    expect(await found('reklamace')).toEqual(['complaint']);
    expect(await found('doručením')).toEqual(['order']);
  });

  it('matches the typed word and word roots as prefixes', async () => {
    expect(await found('objedn')).toEqual(['invoice', 'order']);
    expect(await found('prislusi')).toEqual(['rights']);
    expect(await found('deliver')).toEqual(['english']);
  });

  it('requires every word to occur somewhere in the session', async () => {
    expect(await found('objednávka faktura')).toEqual(['invoice']);
    expect(await found('objednávka reklamace')).toEqual([]);
  });

  it('matches a quoted phrase as an exact sequence', async () => {
    expect(await found('"good day"')).toEqual(['english']);
    expect(await found('"good news"')).toEqual(['english']);
    expect(await found('"day good"')).toEqual([]);
    expect(await found('"moje objednávka"')).toEqual(['order']);
  });

  it('searches file names and system messages', async () => {
    expect(await found('smlouva_2025')).toEqual(['rights']);
    expect(await found('opustil')).toEqual(['complaint']);
  });

  it('combines with filters', async () => {
    expect(await found('objednávka', { channel: 'whatsapp' })).toEqual(['invoice']);
    expect(await found('objednávka', { 'createdAt.max': '2025-03-01T23:00:00Z' })).toEqual(['order']);
  });

  it('marks hits in a snippet of the first matching activity, without HTML', async () => {
    const [item] = await search('knize');
    expect(item?.id).toBe(sessions.complaint);
    const first = await services.db
      .selectFrom('activities')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('session_id', '=', sessions.complaint ?? '')
      .orderBy('at')
      .executeTakeFirstOrThrow();
    expect(item?.match?.activityId).toBe(first.id);
    const hits = item?.match?.snippet.filter((segment) => segment.hit).map((segment) => segment.text);
    expect(hits).toEqual(['kniha']);
    expect(item?.match?.snippet.map((segment) => segment.text).join('')).toContain('reklamaci');
  });

  it.each([
    `a & b | !c :* (d) <e> 'f' \\ "g`,
    `'; DROP TABLE sessions; --`,
    '!!! ??? ::: ***',
    '😀🚀 objednávka 👍🏽',
    '"""',
    '"unbalanced quote objednávka',
    'x'.repeat(10_000),
    Array.from({ length: 300 }, (_, i) => `slovo${i}`).join(' '),
    '\u0001\u0002 control',
  ])('cannot be broken by odd input: %s', async (q) => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      query: { q },
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('refuses U+0000, like every input (the edge rule), naming q', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      query: { q: '\u0000\u0001\u0002 nul' },
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', parameter: 'q' });
  });

  it('finds emoji-wrapped words and ignores input without words', async () => {
    expect(await found('😀🚀 objednávka 👍🏽')).toEqual(['invoice', 'order']);
    expect((await search('!!! ???')).length).toBe(Object.keys(sessions).length);
  });
});
