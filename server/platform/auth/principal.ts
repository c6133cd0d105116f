import type { ApiKeyRole, Role } from '../../../common/roles';

/** Who is calling: always exactly one tenant, one role. */
export interface Principal {
  tenantId: string;
  /** A person's role, or `media` for a media service's API key. */
  role: ApiKeyRole;
  /** The user behind the call; null for an API key that acts for no user. */
  userId: string | null;
  apiKeyId: string | null;
  via: 'cookie' | 'api_key';
  /** Set for cookie logins: the double-submit token every unsafe request must echo. */
  csrfToken: string | null;
  authSessionId: string | null;
}

/** What a route allows: anyone (login, health) or the listed roles. */
export type Access = 'public' | readonly ApiKeyRole[];

export const ANY_ROLE: readonly Role[] = ['admin', 'supervisor', 'operator'];
export const MANAGERS: readonly Role[] = ['admin', 'supervisor'];
export const ADMINS: readonly Role[] = ['admin'];
/** Media servers and PBXs sending recordings (API keys of role `media`). */
export const MEDIA: readonly ApiKeyRole[] = ['media'];
