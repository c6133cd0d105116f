import { sql, type RawBuilder } from 'kysely';
import type { Principal } from '../../platform/auth/principal';
import type { SettingsService } from '../settings/settings.service';

/**
 * Which sessions a principal may see — the one rule, used by the list, facets, detail, transcript,
 * notes, routing, recordings, exports, the live stream and redirect:
 * - admins and supervisors see every session of their tenant;
 * - an operator sees the sessions they took part in, or every session when the tenant allows it;
 * - an API key of role operator that acts for no user sees none (it has no sessions of its own).
 *
 * Operating a live session from the operator's seat (reading it while deciding on an offer, writing,
 * ending) is wider by one relation: an operator may also operate a session they were offered.
 */
export type Visibility = { kind: 'all' } | { kind: 'participant'; userId: string } | { kind: 'none' };

type Caller = Pick<Principal, 'tenantId' | 'role' | 'userId'>;

/** What a check needs to know of one session. */
export interface SessionRelation {
  /** The operators who took part. */
  operatorIds: readonly string[];
}

export function sessionVisibility(settings: Pick<SettingsService, 'get'>) {
  async function of(principal: Caller): Promise<Visibility> {
    if (principal.role !== 'operator') return { kind: 'all' };
    if ((await settings.get(principal.tenantId)).operatorsSeeAllSessions) return { kind: 'all' };
    return principal.userId ? { kind: 'participant', userId: principal.userId } : { kind: 'none' };
  }

  return {
    of,

    /** Whether the principal may see this session (of their tenant — the caller scopes by tenant). */
    async canSee(principal: Caller, session: SessionRelation): Promise<boolean> {
      return allows(await of(principal), session);
    },

    /**
     * Whether an operator may work on this live session from their seat: what they may see, plus a
     * session they were offered (`wasOffered` is asked only when it decides).
     */
    async canOperate(
      principal: Caller,
      session: SessionRelation,
      wasOffered: (userId: string) => Promise<boolean>,
    ): Promise<boolean> {
      const visibility = await of(principal);
      if (allows(visibility, session)) return true;
      return principal.userId !== null && wasOffered(principal.userId);
    },
  };
}

export type SessionVisibility = ReturnType<typeof sessionVisibility>;

export function allows(visibility: Visibility, session: SessionRelation): boolean {
  switch (visibility.kind) {
    case 'all':
      return true;
    case 'participant':
      return session.operatorIds.includes(visibility.userId);
    case 'none':
      return false;
  }
}

/** The same rule as a condition on `sessions` (aliased `alias`), for every query that lists sessions. */
export function visibilityCondition(visibility: Visibility, alias = 's'): RawBuilder<unknown> {
  switch (visibility.kind) {
    case 'all':
      return sql`true`;
    case 'participant':
      // Served by the GIN index on operator_ids (sessions_operator_ids_idx).
      return sql`${sql.ref(`${alias}.operator_ids`)} @> ARRAY[${visibility.userId}]::bigint[]`;
    case 'none':
      return sql`false`;
  }
}
