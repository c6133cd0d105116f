import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/translate';
import { en } from '../../i18n/en';
import { formattersFor } from '../../i18n/format';
import type { Translate } from '../../i18n';
import { ApiError } from '../../lib/api';
import { loginErrorMessage } from './loginErrorMessage';
import { loginPathFor, safeNextPath } from './nextPath';

describe('safeNextPath', () => {
  it('returns to a page of this site', () => {
    expect(safeNextPath('/sessions?view=live')).toBe('/sessions?view=live');
  });

  it('refuses other sites and loops back to login', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/login',
      '/login?next=/x',
    ]) {
      expect(safeNextPath(next)).toBe('/sessions');
    }
  });

  it('remembers a deep link but not the default page', () => {
    expect(loginPathFor({ pathname: '/sessions', search: '?view=live' })).toBe(
      '/login?next=%2Fsessions%3Fview%3Dlive',
    );
    expect(loginPathFor({ pathname: '/sessions', search: '' })).toBe('/login');
    expect(loginPathFor({ pathname: '/', search: '' })).toBe('/login');
  });
});

describe('loginErrorMessage', () => {
  const format = formattersFor('en-GB');
  const t: Translate = (key, ...args) => translate(en, format.number, key, ...args);
  const submittedAt = Date.UTC(2025, 0, 1, 9, 0);

  it('names wrong credentials without saying which part was wrong', () => {
    const error = new ApiError(401, 'auth.invalid_credentials', 'Invalid');
    expect(loginErrorMessage({ error, submittedAt }, t, format, submittedAt)).toBe(
      en['login.error.invalidCredentials'],
    );
  });

  it('says how long to wait after too many attempts', () => {
    const error = new ApiError(429, 'auth.rate_limited', 'Slow down', { retryAfterSeconds: 600 });
    const message = loginErrorMessage({ error, submittedAt }, t, format, submittedAt + 60_000);
    expect(message).toContain('in 9 minutes');
  });

  it('tells an unreachable server apart from a server error', () => {
    const offline = new ApiError(0, 'client.network_unreachable', 'offline');
    expect(loginErrorMessage({ error: offline, submittedAt }, t, format, submittedAt)).toBe(
      en['login.error.unreachable'],
    );
    const failure = new ApiError(500, 'internal', 'Boom');
    expect(loginErrorMessage({ error: failure, submittedAt }, t, format, submittedAt)).toContain(
      '(internal)',
    );
  });
});
