import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestTenant, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';
import { openStream } from '../../test/sse-client';

/**
 * The one visibility rule, as every route applies it: roles × the tenant's "operators see all" setting
 * × how the caller relates to the session (took part, was only offered it, nothing).
 */
const { app, services } = await useTestApp({ live: {} });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as AddressInfo;

type Caller = 'admin' | 'supervisor' | 'participant' | 'offered' | 'stranger' | 'userlessKey';
const callers: readonly Caller[] = [
  'admin',
  'supervisor',
  'participant',
  'offered',
  'stranger',
  'userlessKey',
];

/** Whether the caller sees the session in the console (list, facets, detail, … , exports, live stream). */
function expected(caller: Caller, seeAll: boolean): boolean {
  if (caller === 'admin' || caller === 'supervisor' || caller === 'participant') return true;
  return seeAll;
}

describe('who sees a session', () => {
  let tenant: TestTenant;
  const users = {} as Record<Caller, TestUser>;
  let closed: string;
  let live: string;
  /** A live session every caller sees while the setting is on: its event closes each stream's window. */
  let marker: string;

  beforeAll(async () => {
    tenant = await createTenant(services);
    users.admin = tenant.admin;
    users.supervisor = await createUser(services, tenant.slug, 'supervisor');
    users.participant = await createUser(services, tenant.slug, 'operator');
    users.offered = await createUser(services, tenant.slug, 'operator');
    users.stranger = await createUser(services, tenant.slug, 'operator');
    const key = await services.apiKeys.create(
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { name: 'integration', role: 'operator' },
    );
    users.userlessKey = { id: '', email: '', role: 'operator', apiKey: key.key };

    const values = { channel: 'phone', operatorIds: [users.participant.id] };
    closed = await insertSession(services, tenant.id, values, [{ sender: 'client', text: 'Dobrý den' }]);
    live = await insertSession(services, tenant.id, { ...values, status: 'active' });
    const everyone = [users.participant.id, users.offered.id, users.stranger.id];
    marker = await insertSession(services, tenant.id, { status: 'active', operatorIds: everyone });
    for (const sessionId of [closed, live]) {
      await services.db
        .insertInto('session_offers')
        .values({ tenant_id: tenant.id, session_id: sessionId, user_id: users.offered.id, state: 'declined' })
        .execute();
    }
  });
  afterAll(() => services.settings.update(tenant.id, { operatorsSeeAllSessions: false }));

  const get = (caller: Caller, url: string) =>
    app.inject({ method: 'GET', url, headers: bearer(users[caller]) });

  /** What each console route answers for the caller: true when the session shows. */
  async function consoleView(caller: Caller): Promise<Record<string, boolean>> {
    const listed = async (view: string) =>
      (await get(caller, `/api/v1/sessions?view=${view}&limit=50`))
        .json<{ items: { id: string }[] }>()
        .items.some((item) => item.id === (view === 'live' ? live : closed));
    const facet = (await get(caller, `/api/v1/sessions/facets/channel`)).json<{
      values: { value: string; count: number }[];
    }>();
    const csv = (await get(caller, `/api/v1/sessions/export.csv?columns=id&separator=comma`)).body;
    const html = (await get(caller, `/api/v1/sessions/export.html?columns=id`)).body;
    const status = async (path: string) =>
      (await get(caller, `/api/v1/sessions/${closed}${path}`)).statusCode;
    return {
      list: await listed('history'),
      liveList: await listed('live'),
      facets: facet.values.some((value) => value.value === 'phone' && value.count === 1),
      detail: (await status('')) === 200,
      transcript: (await status('/transcript')) === 200,
      notes: (await status('/notes')) === 200,
      routing: (await status('/routing')) === 200,
      recordings: (await status('/recordings')) === 200,
      csvExport: csv.split('\r\n').some((line) => line.replace(/"/g, '') === closed),
      htmlExport: html.includes(`>${closed}<`),
    };
  }

  /** Whether the caller's Live stream carries an event of the live session (ended by the marker's). */
  async function streamShows(caller: Caller): Promise<boolean> {
    const stream = openStream(port, bearer(users[caller]));
    try {
      await expect.poll(() => stream.status(), { timeout: 10_000 }).toBe(200);
      // The stream is subscribed once its head is sent; the events follow in order.
      await services.events.publish([
        { tenantId: tenant.id, sessionId: live, kind: 'session.updated', fields: ['tags'] },
        { tenantId: tenant.id, sessionId: marker, kind: 'session.updated', fields: ['tags'] },
      ]);
      const sees = (id: string) => stream.ofSession(id).length > 0;
      // Every tested caller sees the marker; once its event is here, the live session's (published
      // first) has been delivered too, if it was going to be.
      await expect.poll(() => sees(marker), { timeout: 10_000 }).toBe(true);
      return sees(live);
    } finally {
      stream.close();
    }
  }

  for (const seeAll of [false, true]) {
    describe(`when operators ${seeAll ? 'may' : 'may not'} see all sessions`, () => {
      beforeAll(() => services.settings.update(tenant.id, { operatorsSeeAllSessions: seeAll }));

      it.each(callers.map((caller) => [caller] as const))(
        '%s: every console route agrees',
        async (caller) => {
          const view = await consoleView(caller);
          const shows = expected(caller, seeAll);
          expect(view).toEqual(Object.fromEntries(Object.keys(view).map((route) => [route, shows])));
        },
      );

      it.each(callers.filter((c) => c !== 'userlessKey' || seeAll).map((caller) => [caller] as const))(
        '%s: the Live stream agrees',
        async (caller) => {
          expect(await streamShows(caller)).toBe(expected(caller, seeAll));
        },
      );
    });
  }

  it('an operator offered a session may read it from their seat, though it is not theirs in the console', async () => {
    await services.settings.update(tenant.id, { operatorsSeeAllSessions: false });
    const seat = (caller: Caller) =>
      get(caller, `/api/v1/live/operator/sessions/${live}/transcript`).then(
        (response) => response.statusCode,
      );
    expect(await seat('participant')).toBe(200);
    expect(await seat('offered')).toBe(200);
    expect(await seat('stranger')).toBe(404);
    expect((await get('offered', `/api/v1/sessions/${live}`)).statusCode).toBe(404);
    expect((await get('offered', `/api/v1/sessions/${live}/routing`)).statusCode).toBe(404);
  });
});
