import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { insertSession } from '../../test/session-fixtures';
import { createLiveTenant } from '../../test/live-kit';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';

const NUL = '\u0000';
const LONE = '\uD800';

/**
 * Issue #13, finding 1 and 3: U+0000 (which PostgreSQL text refuses) and lone surrogates (stored as
 * U+FFFD, so different values collide) are refused at the edge with 400 naming the field — whatever the
 * route, whether it is public or not, in the body, the query or the path.
 */
describe('text that cannot be stored is refused at the edge', async () => {
  const { app, services } = await useTestApp();
  const tenant = await createTenant(services);
  const headers = bearer(tenant.admin);
  const live = await createLiveTenant(services);
  const sessionId = await insertSession(services, tenant.id, {});

  const expectRefused = async (request: InjectOptions, parameter: string): Promise<void> => {
    const response = await app.inject(request);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', parameter });
  };

  const bodyCases: [string, string, string, Record<string, unknown>, string][] = [
    [
      'login (unauthenticated)',
      'POST',
      '/api/v1/auth/login',
      { tenant: tenant.slug, email: `a${NUL}b`, password: 'x' },
      'email',
    ],
    ['note', 'POST', `/api/v1/sessions/${sessionId}/notes`, { text: `note${NUL}` }, 'text'],
    ['API key name', 'POST', '/api/v1/api-keys', { name: `key${NUL}`, role: 'operator' }, 'name'],
    ['export tz', 'POST', '/api/v1/exports', { format: 'csv', tz: `Europe/Prague${NUL}` }, 'tz'],
    ['preference value', 'PUT', '/api/v1/preferences/x', { deep: [{ v: `a${LONE}` }] }, 'deep[0].v'],
  ];
  it.each(bodyCases)(
    '%s: U+0000 or a lone surrogate in the body is a 400 naming it',
    async (_name, method, url, payload, parameter) => {
      await expectRefused({ method: method, url, headers, payload }, parameter);
    },
  );

  it('a key holding U+0000 is named with the character escaped', async () => {
    await expectRefused(
      { method: 'PUT', url: '/api/v1/preferences/x', headers, payload: { [`a${NUL}b`]: 1 } },
      'a\\u0000b',
    );
  });

  it.each([
    ['externalId filter', `externalId=${encodeURIComponent(`x${NUL}`)}`, 'externalId'],
    ['param filter', `param.vip=${encodeURIComponent(`x${NUL}`)}`, 'param.vip'],
    ['param name', `${encodeURIComponent(`param.v${NUL}ip`)}=1`, 'param.v\\u0000ip'],
    ['tags filter', `tags=${encodeURIComponent(`a${NUL}`)}`, 'tags'],
    ['content search', `q=a${encodeURIComponent(NUL)}`, 'q'],
  ])('%s in the list query is a 400 naming it', async (_name, query, parameter) => {
    await expectRefused({ method: 'GET', url: `/api/v1/sessions?${query}`, headers }, parameter);
  });

  it('a facet of a parameter whose name holds U+0000 is a 400', async () => {
    await expectRefused(
      { method: 'GET', url: `/api/v1/sessions/facets/${encodeURIComponent(`param.a${NUL}`)}`, headers },
      'column',
    );
  });

  it('the export tz and the query of a background export are checked too', async () => {
    await expectRefused(
      { method: 'GET', url: `/api/v1/sessions/export.csv?tz=${encodeURIComponent(`UTC${NUL}`)}`, headers },
      'tz',
    );
    await expectRefused(
      { method: 'POST', url: '/api/v1/exports', headers, payload: { format: 'csv', query: 'param.a=%00' } },
      'query.param.a',
    );
  });

  it('the public web chat: start, messages and file names', async () => {
    const widget = { 'x-widget-key': live.widgetKey };
    await expectRefused(
      {
        method: 'POST',
        url: '/api/v1/live/client/sessions',
        headers: widget,
        payload: { name: `Eve${NUL}` },
      },
      'name',
    );
    for (const [field, value] of [
      ['email', `a${LONE}@example.com`],
      ['phone', `+420 ${LONE}`],
      ['visitorId', `v${LONE}`],
    ] as const) {
      await expectRefused(
        { method: 'POST', url: '/api/v1/live/client/sessions', headers: widget, payload: { [field]: value } },
        field,
      );
    }
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/live/client/sessions',
      headers: widget,
      payload: { name: 'Eve' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { sessionId: chat, clientToken } = started.json<{ sessionId: string; clientToken: string }>();
    const client = { ...widget, 'x-client-token': clientToken };
    const url = `/api/v1/live/client/sessions/${chat}/messages`;
    await expectRefused({ method: 'POST', url, headers: client, payload: { text: `hi${NUL}` } }, 'text');
    await expectRefused(
      { method: 'POST', url, headers: client, payload: { file: { name: `invoice${NUL}.pdf` } } },
      'file.name',
    );
    // Well-formed text, astral characters (surrogate pairs) included, passes the guard (and reaches the
    // service, which says this unrouted session has ended).
    const fine = await app.inject({ method: 'POST', url, headers: client, payload: { text: 'ahoj 😀' } });
    expect(fine.json()).toMatchObject({ code: 'live.session_ended' });
  });
});
