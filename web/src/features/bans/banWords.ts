import { banIdentityLabels } from '../../../../common/bans';
import type { BanIdentityKind } from '../../../../common/domain';
import type { Language, PlainMessageKey, Translate } from '../../i18n';
import { isApiError } from '../../lib/api';

export function identityKindLabel(kind: BanIdentityKind, language: Language): string {
  return banIdentityLabels[kind][language];
}

const knownCodes: Partial<Record<string, PlainMessageKey>> = {
  'bans.already_lifted': 'bans.error.alreadyLifted',
  'auth.forbidden': 'bans.error.forbidden',
  not_found: 'bans.error.notFound',
};

/** The server's refusal in words a person understands; an invalid identity keeps the server's detail. */
export function banErrorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return String(error);
  if (error.code === 'bans.invalid_identity')
    return t('bans.error.invalidIdentity', { detail: error.message });
  const key = knownCodes[error.code];
  return key ? t(key) : error.message;
}
