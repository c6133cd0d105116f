import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, clientErrorCodes, onUnauthenticated, setCsrfToken } from './api';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  );
}

function sentHeaders(fetchMock: ReturnType<typeof answer>): Headers {
  return new Headers(fetchMock.mock.calls[0]?.[1].headers);
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  onUnauthenticated(() => {});
});

describe('apiRequest', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    setCsrfToken('token-1');
    const post = answer(204);
    vi.stubGlobal('fetch', post);
    await apiRequest('/api/v1/auth/logout', { method: 'POST' });
    expect(sentHeaders(post).get('X-CSRF-Token')).toBe('token-1');
    expect(post.mock.calls[0]?.[1].credentials).toBe('same-origin');

    const get = answer(200, { ok: true });
    vi.stubGlobal('fetch', get);
    await expect(apiRequest('/api/v1/me')).resolves.toEqual({ ok: true });
    expect(sentHeaders(get).has('X-CSRF-Token')).toBe(false);
  });

  it('turns an error body into an ApiError with status, code, message and extra fields', async () => {
    vi.stubGlobal(
      'fetch',
      answer(429, { code: 'auth.rate_limited', message: 'Slow down', retryAfterSeconds: 600 }),
    );
    const error = await apiRequest('/api/v1/auth/login', { method: 'POST', body: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'auth.rate_limited',
      message: 'Slow down',
      retryAfterSeconds: 600,
    });
  });

  it('takes the retry time from the Retry-After header when the body has none', async () => {
    vi.stubGlobal(
      'fetch',
      answer(429, { code: 'auth.rate_limited', message: 'Slow down' }, { 'Retry-After': '30' }),
    );
    const error = (await apiRequest('/x').catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('reports an unreachable server when no answer arrives or a gateway answers', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const offline = (await apiRequest('/x').catch((e: unknown) => e)) as ApiError;
    expect(offline).toMatchObject({
      status: 0,
      code: clientErrorCodes.networkUnreachable,
      isUnreachable: true,
    });

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    const gateway = (await apiRequest('/x').catch((e: unknown) => e)) as ApiError;
    expect(gateway).toMatchObject({
      status: 502,
      code: clientErrorCodes.unexpectedResponse,
      isUnreachable: true,
    });
  });

  it('ends the session on a 401 unless the request expects one', async () => {
    const listener = vi.fn();
    onUnauthenticated(listener);
    vi.stubGlobal('fetch', answer(401, { code: 'auth.unauthenticated', message: 'Sign in' }));

    await apiRequest('/api/v1/auth/login', { method: 'POST', allowUnauthenticated: true }).catch(() => {});
    expect(listener).not.toHaveBeenCalled();

    await apiRequest('/api/v1/sessions').catch(() => {});
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
