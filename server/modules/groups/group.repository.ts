import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { GroupStrategy } from '../../../common/domain';

export interface GroupValues {
  name: string;
  strategy: GroupStrategy;
  queue_size: number;
  accept_timeout_seconds: number;
  max_wait_seconds: number | null;
  next_group_id: string | null;
}

export interface GroupRow extends GroupValues {
  id: string;
  created_at: Date;
  members: { userId: string; name: string; priority: number; active: boolean }[];
  rules: number;
  live_sessions: number;
}

/** Operator groups as the administration reads and writes them. Routing reads them itself, fresh. */
export function groupRepository(db: Database) {
  const base = (tenantId: string) =>
    db
      .selectFrom('operator_groups as g')
      .select([
        'g.id',
        'g.name',
        'g.strategy',
        'g.queue_size',
        'g.accept_timeout_seconds',
        'g.max_wait_seconds',
        'g.next_group_id',
        'g.created_at',
        sql<GroupRow['members']>`coalesce((
          SELECT json_agg(json_build_object('userId', u.id::text, 'name', u.name, 'priority', m.priority,
                                            'active', u.disabled_at IS NULL) ORDER BY m.priority DESC, u.name)
          FROM group_members m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
          WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id), '[]'::json)`.as('members'),
        sql<number>`(SELECT count(*)::int FROM routing_rules r
          WHERE r.tenant_id = g.tenant_id AND r.target_group_id = g.id)`.as('rules'),
        sql<number>`(SELECT count(*)::int FROM sessions s
          WHERE s.tenant_id = g.tenant_id AND s.group_id = g.id AND s.status <> 'closed')`.as(
          'live_sessions',
        ),
      ])
      .where('g.tenant_id', '=', tenantId);

  return {
    list(tenantId: string): Promise<GroupRow[]> {
      return base(tenantId).orderBy('g.name').execute();
    },

    find(tenantId: string, groupId: string): Promise<GroupRow | undefined> {
      return base(tenantId).where('g.id', '=', groupId).executeTakeFirst();
    },

    findForUpdate(tenantId: string, groupId: string) {
      return db
        .selectFrom('operator_groups')
        .select([
          'id',
          'name',
          'strategy',
          'queue_size',
          'accept_timeout_seconds',
          'max_wait_seconds',
          'next_group_id',
        ])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groupId)
        .forUpdate()
        .executeTakeFirst();
    },

    nameTaken(tenantId: string, name: string, exceptId: string | null) {
      let query = db
        .selectFrom('operator_groups')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return query.executeTakeFirst();
    },

    async exists(tenantId: string, groupId: string): Promise<boolean> {
      const row = await db
        .selectFrom('operator_groups')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groupId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Which of these user ids are the tenant's. */
    async knownUsers(tenantId: string, userIds: string[]): Promise<Set<string>> {
      if (userIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', userIds)
        .execute();
      return new Set(rows.map((row) => row.id));
    },

    async insert(tenantId: string, values: GroupValues): Promise<string> {
      const row = await db
        .insertInto('operator_groups')
        .values({ tenant_id: tenantId, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(tenantId: string, groupId: string, values: Partial<GroupValues>): Promise<void> {
      if (Object.keys(values).length === 0) return;
      await db
        .updateTable('operator_groups')
        .set(values)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groupId)
        .execute();
    },

    async members(tenantId: string, groupId: string) {
      return db
        .selectFrom('group_members')
        .select(['user_id', 'priority'])
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .orderBy('user_id')
        .execute();
    },

    async replaceMembers(tenantId: string, groupId: string, members: { userId: string; priority: number }[]) {
      await db
        .deleteFrom('group_members')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .execute();
      if (members.length === 0) return;
      await db
        .insertInto('group_members')
        .values(
          members.map((m) => ({
            tenant_id: tenantId,
            group_id: groupId,
            user_id: m.userId,
            priority: m.priority,
          })),
        )
        .execute();
    },

    /** What keeps a group from being deleted: rules that send to it and sessions still live in it. */
    async usage(tenantId: string, groupId: string) {
      const row = await sql<{ rules: number; live: number }>`
        SELECT (SELECT count(*)::int FROM routing_rules WHERE tenant_id = ${tenantId} AND target_group_id = ${groupId}) AS rules,
               (SELECT count(*)::int FROM sessions WHERE tenant_id = ${tenantId} AND group_id = ${groupId} AND status <> 'closed')
             + (SELECT count(*)::int FROM session_routing WHERE tenant_id = ${tenantId} AND group_id = ${groupId} AND queued_at IS NOT NULL) AS live`.execute(
        db,
      );
      return row.rows[0] ?? { rules: 0, live: 0 };
    },

    async remove(tenantId: string, groupId: string): Promise<void> {
      await db
        .deleteFrom('operator_groups')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groupId)
        .execute();
    },
  };
}
