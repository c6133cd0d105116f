import { sql, type Selectable } from 'kysely';
import type { RoutingEvents } from '../../db/types.generated';
import { operatorLoad, type Db } from './routing.repository';

/**
 * What the Routing tab and the Redirect dialog read: a session's routing timeline, its place in the
 * queue, the names behind ids, and where it could be redirected. Read-only; the engine's writes and
 * locks stay in routing.repository.ts.
 */
export const routingViewRepository = {
  /** 1-based position in the group's queue (arrival order). */
  async queuePosition(db: Db, tenantId: string, groupId: string, queuedAt: Date, sessionId: string) {
    const row = await db
      .selectFrom('session_routing')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', groupId)
      .where('queued_at', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('queued_at', '<', queuedAt),
          eb.and([eb('queued_at', '=', queuedAt), eb('session_id', '<', sessionId)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.count) + 1;
  },

  async userNames(db: Db, tenantId: string, ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },

  async groupNames(db: Db, tenantId: string, ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await db
      .selectFrom('operator_groups')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },

  async routingEvents(db: Db, tenantId: string, sessionId: string): Promise<Selectable<RoutingEvents>[]> {
    return db
      .selectFrom('routing_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  },

  /** Where a live session waits: its group and since when (no row once routing ended). */
  queueEntry(db: Db, tenantId: string, sessionId: string) {
    return db
      .selectFrom('session_routing')
      .select(['group_id', 'queued_at'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
  },

  /** Where a manager can redirect: enabled users with their state and load, groups with their queue. */
  async redirectTargets(db: Db, tenantId: string) {
    const operators = await db
      .selectFrom('users as u')
      .select([
        'u.id',
        'u.name',
        'u.state',
        'u.capacity',
        // The load the engine counts when it offers.
        operatorLoad(db, tenantId, 'u.id').as('load'),
      ])
      .where('u.tenant_id', '=', tenantId)
      .where('u.disabled_at', 'is', null)
      .orderBy('u.name')
      .orderBy('u.id')
      .execute();
    const groups = await db
      .selectFrom('operator_groups as g')
      .select([
        'g.id',
        'g.name',
        'g.strategy',
        'g.queue_size',
        sql<number>`(SELECT count(*) FROM session_routing r
          WHERE r.tenant_id = ${tenantId} AND r.group_id = g.id AND r.queued_at IS NOT NULL)::int`.as(
          'queued',
        ),
      ])
      .where('g.tenant_id', '=', tenantId)
      .orderBy('g.name')
      .orderBy('g.id')
      .execute();
    return { operators, groups };
  },
};
