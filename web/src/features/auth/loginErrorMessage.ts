import type { Formatters, Translate } from '../../i18n';
import { isApiError } from '../../lib/api';
import { authErrorCodes } from './types';

export interface LoginFailure {
  error: unknown;
  /** When the failed attempt was submitted (ms since epoch), to turn `retryAfterSeconds` into a time. */
  submittedAt: number;
}

/** What to tell the user about a failed sign-in, in their language. */
export function loginErrorMessage(
  { error, submittedAt }: LoginFailure,
  t: Translate,
  format: Formatters,
  now: number,
): string {
  if (!isApiError(error)) return t('login.error.unexpected', { code: 'client.unknown' });
  if (error.isUnreachable) return t('login.error.unreachable');
  switch (error.code) {
    case authErrorCodes.invalidCredentials:
      return t('login.error.invalidCredentials');
    case authErrorCodes.rateLimited: {
      const retryAfter = error.retryAfterSeconds;
      if (retryAfter === undefined) return t('login.error.rateLimitedLater');
      const retryAt = submittedAt + retryAfter * 1000;
      const remainingSeconds = Math.max(1, (retryAt - now) / 1000);
      return t('login.error.rateLimited', {
        when: format.relativeFromNow(remainingSeconds),
        time: format.time(retryAt),
      });
    }
    case authErrorCodes.validationFailed:
      return t('login.error.invalidInput');
    case authErrorCodes.cookieRejected:
      return t('login.error.cookieRejected');
    default:
      return t('login.error.unexpected', { code: error.code });
  }
}
