import { sql } from 'kysely';
import type { Db } from './routing.repository';

/** The SQL of the engine's invariant check (`routing-invariant.ts`): who breaks it, and overdue offers. */

/** How a live session breaks the engine's invariant (see `brokenLive`). */
export type InvariantProblem =
  | 'no_routing'
  | 'nobody_in_session'
  | 'not_waiting'
  | 'offer_overdue'
  | 'offered_to_nobody'
  | 'no_queue'
  | 'wait_overdue';

export const invariantRepository = {
  /**
   * Live sessions that break the engine's invariant (any tenant, or one session): every live session
   * is active with someone in it, or offered with a pending offer whose timer has not overrun, or
   * waiting in an existing group's queue within its maximum wait. `graceSeconds` lets timers that are
   * merely late (a busy worker) fire first. Served by `sessions_live_idx` (live sessions are few).
   */
  async brokenLive(
    db: Db,
    options: { graceSeconds: number; limit: number; only?: { tenantId: string; sessionId: string } },
  ) {
    const grace = sql`make_interval(secs => ${options.graceSeconds})`;
    const only = options.only
      ? sql`AND s.tenant_id = ${options.only.tenantId} AND s.id = ${options.only.sessionId}`
      : sql``;
    const rows = await sql<{ tenant_id: string; session_id: string; problem: InvariantProblem }>`
      SELECT tenant_id, session_id, problem FROM (
        SELECT s.tenant_id, s.id AS session_id, CASE
          WHEN r.session_id IS NULL THEN 'no_routing'
          WHEN s.status IN ('active', 'after_work') THEN CASE
            WHEN NOT EXISTS (SELECT 1 FROM session_participants p
              WHERE p.tenant_id = s.tenant_id AND p.session_id = s.id AND p.left_at IS NULL) THEN 'nobody_in_session'
            END
          WHEN r.queued_at IS NULL THEN 'not_waiting'
          WHEN EXISTS (SELECT 1 FROM session_offers o
            WHERE o.tenant_id = s.tenant_id AND o.session_id = s.id AND o.state = 'pending'
              AND o.expires_at < now() - ${grace}) THEN 'offer_overdue'
          WHEN s.status = 'offered' AND NOT EXISTS (SELECT 1 FROM session_offers o
            WHERE o.tenant_id = s.tenant_id AND o.session_id = s.id AND o.state = 'pending') THEN 'offered_to_nobody'
          WHEN r.target_user_id IS NULL AND g.id IS NULL THEN 'no_queue'
          WHEN g.max_wait_seconds IS NOT NULL AND r.target_user_id IS NULL
            AND r.queued_at + make_interval(secs => g.max_wait_seconds) < now() - ${grace} THEN 'wait_overdue'
          END AS problem
        FROM sessions s
        LEFT JOIN session_routing r ON r.tenant_id = s.tenant_id AND r.session_id = s.id
        LEFT JOIN operator_groups g ON g.tenant_id = r.tenant_id AND g.id = r.group_id
        WHERE s.status <> 'closed' ${only}
      ) checked
      WHERE problem IS NOT NULL
      ORDER BY tenant_id, session_id
      LIMIT ${options.limit}`.execute(db);
    return rows.rows;
  },

  /** Pending offers of a session whose timer should have fired more than `graceSeconds` ago. */
  async overdueOffers(db: Db, tenantId: string, sessionId: string, graceSeconds: number) {
    return db
      .selectFrom('session_offers')
      .select(['id', 'user_id', 'group_id'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('state', '=', 'pending')
      .where('expires_at', '<', sql<Date>`now() - make_interval(secs => ${graceSeconds})`)
      .execute();
  },
};
