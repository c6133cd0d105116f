import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestTenant, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';
import { editDistance, replaceWord } from './suggestions';

describe('"did you mean" suggestions', async () => {
  const { app, services } = await useTestApp();
  let tenant: TestTenant;
  let other: TestTenant;
  let operator: TestUser;

  const vocabulary = async (tenantId: string) =>
    (
      await services.db.selectFrom('search_words').select('word').where('tenant_id', '=', tenantId).execute()
    ).map((row) => row.word);

  const list = async (user: TestUser, q: string) => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      query: { q },
      headers: bearer(user),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: { id: string }[]; total: number; suggestions: string[] }>();
  };

  beforeAll(async () => {
    tenant = await createTenant(services);
    other = await createTenant(services);
    operator = await createUser(services, tenant.slug, 'operator');
    for (let i = 0; i < 5; i++) {
      await insertSession(services, tenant.id, { operatorIds: [operator.id] }, [
        { sender: 'client', text: `Pošlete mi prosím fakturu číslo ${1000 + i}.` },
        { sender: 'operator', text: 'Faktura odešla na jan.novak@firma.cz, doručení do hodiny.' },
      ]);
    }
    // Only the admin sees this one: the operator took no part in it.
    await insertSession(services, tenant.id, {}, [
      { sender: 'client', text: 'Reklamace poškozeného zboží.' },
    ]);
    await insertSession(services, other.id, {}, [{ sender: 'client', text: 'Kde je moje objednávka?' }]);
  });

  it('live traffic (refresh_search_documents) keeps the words of the transcripts, not numbers or addresses', async () => {
    const words = await vocabulary(tenant.id);
    expect(words).toEqual(
      expect.arrayContaining(['fakturu', 'faktura', 'doruceni', 'reklamace', 'poskozeneho']),
    );
    expect(words.filter((word) => /[^a-z]/.test(word))).toEqual([]);
    expect(words).not.toContain('1000');
    expect(words).not.toContain('jan.novak@firma.cz');
    expect(words).not.toContain('objednavka');
  });

  it('the import keeps the words of what it writes, new and re-imported', async () => {
    const record = (text: string) =>
      JSON.stringify({
        externalId: 'import-1',
        channel: 'webchat',
        source: 'widget',
        createdAt: '2025-03-01T09:00:00Z',
        endedAt: '2025-03-01T09:10:00Z',
        activities: [{ at: '2025-03-01T09:01:00Z', from: 'client', type: 'message', text }],
      });
    const post = (text: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...bearer(other.admin), 'content-type': 'application/x-ndjson' },
        payload: `${record(text)}\n`,
      });
    expect((await post('Výpadek internetu v Ostravě')).statusCode).toBe(200);
    expect(await vocabulary(other.id)).toEqual(expect.arrayContaining(['vypadek', 'internetu', 'ostrave']));
    expect((await post('Výpadek televize v Brně')).statusCode).toBe(200);
    expect(await vocabulary(other.id)).toEqual(expect.arrayContaining(['televize', 'brne']));
  });

  it('offers similar words of the tenant that find sessions, and searches only what was typed', async () => {
    const result = await list(tenant.admin, 'fakutra');
    expect(result.items).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.suggestions[0]).toMatch(/^faktur/);
    const suggested = await list(tenant.admin, result.suggestions[0] ?? '');
    expect(suggested.items).toHaveLength(5);
  });

  it('keeps the rest of the query as typed, replacing only the unknown word', async () => {
    const result = await list(tenant.admin, 'doručení fakutra');
    expect(result.items).toEqual([]);
    expect(result.suggestions[0]).toMatch(/^doručení faktur[a-z]*$/);
  });

  it('offers nothing when the search finds plenty, or when no word is close', async () => {
    expect((await list(tenant.admin, 'faktura')).suggestions).toEqual([]);
    expect((await list(tenant.admin, 'xylofon')).suggestions).toEqual([]);
    expect((await list(tenant.admin, '"fakutra odesla"')).suggestions).toEqual([]);
  });

  it('never offers a word from sessions the caller cannot see', async () => {
    expect((await list(tenant.admin, 'reklamcae')).suggestions).toEqual(['reklamace']);
    expect((await list(operator, 'reklamcae')).suggestions).toEqual([]);
    expect((await list(operator, 'fakutra')).suggestions[0]).toMatch(/^faktur/);
  });

  it("never offers another tenant's word", async () => {
    expect((await list(other.admin, 'objednavka')).items).toHaveLength(1);
    expect((await list(tenant.admin, 'objendavka')).suggestions).toEqual([]);
  });
});

describe('suggestion helpers', () => {
  it.each([
    ['fakutra', 'faktura', 1],
    ['reklamcae', 'reklamace', 1],
    ['pasword', 'password', 1],
    ['objendavka', 'objednavka', 1],
    ['faktura', 'faktura', 0],
    ['kniha', 'knize', 2],
  ])('edit distance %s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('replaces a word whatever its case and accents, keeping the rest as typed', () => {
    expect(replaceWord('Doručení FAKUTRA "dobrý den"', 'fakutra', 'faktura')).toBe(
      'Doručení faktura "dobrý den"',
    );
  });
});
