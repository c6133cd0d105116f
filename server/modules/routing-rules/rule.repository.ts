import { sql } from 'kysely';
import type { Database } from '../../db/database';

export interface RuleRow {
  id: string;
  position: number;
  name: string;
  conditions: unknown;
  target_group_id: string | null;
  target_group_name: string | null;
  target_chatbot_id: string | null;
  target_chatbot_name: string | null;
  is_fallback: boolean;
  enabled: boolean;
}

export interface RuleValues {
  name: string;
  conditions: string;
  target_group_id: string | null;
  target_chatbot_id: string | null;
  is_fallback: boolean;
  enabled: boolean;
}

/** Routing rules as the administration reads and writes them (the engine reads them itself, fresh). */
export function ruleRepository(db: Database) {
  return {
    list(tenantId: string): Promise<RuleRow[]> {
      return db
        .selectFrom('routing_rules as r')
        .leftJoin('operator_groups as g', (join) =>
          join.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.target_group_id'),
        )
        .leftJoin('chatbots as c', (join) =>
          join.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.target_chatbot_id'),
        )
        .select([
          'r.id',
          'r.position',
          'r.name',
          'r.conditions',
          'r.target_group_id',
          'g.name as target_group_name',
          'r.target_chatbot_id',
          'c.name as target_chatbot_name',
          'r.is_fallback',
          'r.enabled',
        ])
        .where('r.tenant_id', '=', tenantId)
        .orderBy('r.position')
        .execute();
    },

    /** Every rule of the tenant locked, in position order: changes to the order run one at a time. */
    async lockAll(tenantId: string) {
      return db
        .selectFrom('routing_rules')
        .select([
          'id',
          'position',
          'name',
          'conditions',
          'target_group_id',
          'target_chatbot_id',
          'is_fallback',
          'enabled',
        ])
        .where('tenant_id', '=', tenantId)
        .orderBy('position')
        .forUpdate()
        .execute();
    },

    async groupExists(tenantId: string, groupId: string) {
      return (
        (await db
          .selectFrom('operator_groups')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', groupId)
          .executeTakeFirst()) !== undefined
      );
    },

    async chatbotExists(tenantId: string, chatbotId: string) {
      return (
        (await db
          .selectFrom('chatbots')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', chatbotId)
          .executeTakeFirst()) !== undefined
      );
    },

    chatbots(tenantId: string) {
      return db
        .selectFrom('chatbots')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
    },

    async insert(tenantId: string, position: number, values: RuleValues): Promise<string> {
      const row = await db
        .insertInto('routing_rules')
        .values({ tenant_id: tenantId, position, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(tenantId: string, ruleId: string, values: Partial<RuleValues>) {
      if (Object.keys(values).length === 0) return;
      await db
        .updateTable('routing_rules')
        .set(values)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', ruleId)
        .execute();
    },

    async remove(tenantId: string, ruleId: string) {
      await db
        .deleteFrom('routing_rules')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', ruleId)
        .execute();
    },

    /**
     * Positions 1..n in the given order. Positions are unique, so the rules first move out of the way
     * (negative), then to their places — in the caller's transaction.
     */
    async reorder(tenantId: string, ids: string[]) {
      await sql`UPDATE routing_rules SET position = -position - 1000000 WHERE tenant_id = ${tenantId}`.execute(
        db,
      );
      await sql`
        UPDATE routing_rules r SET position = o.ord
        FROM unnest(${ids}::bigint[]) WITH ORDINALITY AS o(id, ord)
        WHERE r.tenant_id = ${tenantId} AND r.id = o.id`.execute(db);
    },
  };
}
