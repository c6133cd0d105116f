import { describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession } from '../../test/session-fixtures';

/**
 * The session list is sent as built in production (`sentAsBuilt`, platform/http/sent-as-built.ts):
 * outside production every response is also parsed against its schema and must come out byte for byte
 * as built, so each page below answering 200 proves that skipping the parse changes nothing — for every
 * column, empty values, names joined, parameters, snippets of a search and a later page.
 */
describe('the session list on the wire', async () => {
  const { app, services } = await useTestApp();
  const tenant = await createTenant(services);
  await buildFixture(services, tenant, 40);
  for (const text of ['Kde je moje objednávka 4711?', 'Objednávka \u202Eevil\u202C 😀 dorazila.'])
    await insertSession(services, tenant.id, { channel: 'whatsapp', tags: ['vip'] }, [
      { sender: 'client', text },
      { sender: 'operator', text: 'Děkujeme, objednávku hned dohledám.' },
    ]);

  const get = (url: string) => app.inject({ method: 'GET', url, headers: bearer(tenant.admin) });

  it.each([
    '/api/v1/sessions?limit=50',
    '/api/v1/sessions?limit=7&sort=clientName',
    '/api/v1/sessions?view=live&limit=50',
    '/api/v1/sessions?limit=50&q=objedn%C3%A1vka',
    '/api/v1/sessions?limit=50&q=objedn%C3%A1vka%20nic',
    '/api/v1/sessions?limit=50&param.orderId.empty=false&tags=vip,reklamace',
  ])('%s, and the page after it', async (url) => {
    const first = await get(url);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json<{ items: unknown[]; nextCursor: string | null }>();
    if (page.nextCursor === null) return;
    const next = await get(`${url}&cursor=${encodeURIComponent(page.nextCursor)}`);
    expect(next.statusCode, next.body).toBe(200);
  });

  it('has items with every kind of value on those pages', async () => {
    const items = (await get('/api/v1/sessions?limit=200&q=objedn%C3%A1vka')).json<{
      items: { match?: { snippet: unknown[] } }[];
    }>().items;
    expect(items.length).toBe(2);
    expect(items.every((item) => (item.match?.snippet.length ?? 0) > 0)).toBe(true);
  });
});
