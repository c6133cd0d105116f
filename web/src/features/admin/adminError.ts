import type { PlainMessageKey, Translate } from '../../i18n';
import { isApiError } from '../../lib/api';

/** Error codes of the administration API that have their own words; others show the server's sentence. */
const knownCodes: Partial<Record<string, PlainMessageKey>> = {
  'users.email_taken': 'admin.users.error.emailTaken',
  'users.last_admin': 'admin.users.error.lastAdmin',
  'users.wrong_password': 'account.wrongPassword',
  'groups.in_use': 'admin.groups.error.inUse',
  'groups.name_taken': 'admin.groups.error.nameTaken',
  'widgets.name_taken': 'admin.widgets.error.nameTaken',
};

/** A refusal in words a person understands. */
export function adminErrorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return String(error);
  const key = knownCodes[error.code];
  return key ? t(key) : error.message;
}
