import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { UserState } from '../../../common/domain';

/** SQL of the demo directory (operators, groups, chatbots, widgets, routing rules) and bulk-load upkeep. */
export function demoRepository(db: Database) {
  return {
    findTenant(slug: string) {
      return db.selectFrom('tenants').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirst();
    },

    /** The public key of a tenant's first widget (the demo shop page embeds it). */
    async firstWidgetKey(slug: string) {
      const row = await db
        .selectFrom('widgets as w')
        .innerJoin('tenants as t', 't.id', 'w.tenant_id')
        .select('w.public_key')
        .where('t.slug', '=', slug)
        .orderBy('w.id')
        .executeTakeFirst();
      return row?.public_key;
    },

    async upsertOperators(
      tenantId: string,
      operators: readonly { email: string; name: string; state: UserState; capacity: number }[],
    ) {
      await db
        .insertInto('users')
        .values(
          operators.map((o) => ({
            tenant_id: tenantId,
            email: o.email,
            name: o.name,
            role: 'operator' as const,
            state: o.state,
            capacity: o.capacity,
          })),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
        .execute();
      return db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('tenant_id', '=', tenantId)
        .where(
          'email',
          'in',
          operators.map((o) => o.email),
        )
        .execute();
    },

    async upsertGroups(
      tenantId: string,
      groups: readonly { name: string; queueSize: number; acceptTimeoutSeconds: number }[],
    ) {
      await db
        .insertInto('operator_groups')
        .values(
          groups.map((g) => ({
            tenant_id: tenantId,
            name: g.name,
            queue_size: g.queueSize,
            accept_timeout_seconds: g.acceptTimeoutSeconds,
          })),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .execute();
      return db
        .selectFrom('operator_groups')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .execute();
    },

    async addGroupMembers(tenantId: string, members: readonly { groupId: string; userId: string }[]) {
      if (!members.length) return;
      await db
        .insertInto('group_members')
        .values(members.map((m) => ({ tenant_id: tenantId, group_id: m.groupId, user_id: m.userId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async upsertChatbots(tenantId: string, names: readonly string[]) {
      await db
        .insertInto('chatbots')
        .values(names.map((name) => ({ tenant_id: tenantId, name })))
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .execute();
      return db.selectFrom('chatbots').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
    },

    async upsertWidgets(tenantId: string, widgets: readonly { name: string; publicKey: string }[]) {
      await db
        .insertInto('widgets')
        .values(widgets.map((w) => ({ tenant_id: tenantId, name: w.name, public_key: w.publicKey })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    /** Routing rules, only when the tenant has none yet. */
    async addRoutingRules(
      tenantId: string,
      rules: readonly {
        name: string;
        conditions: object;
        groupId?: string;
        chatbotId?: string;
        fallback?: boolean;
      }[],
    ) {
      const existing = await db
        .selectFrom('routing_rules')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .limit(1)
        .executeTakeFirst();
      if (existing) return;
      await db
        .insertInto('routing_rules')
        .values(
          rules.map((rule, index) => ({
            tenant_id: tenantId,
            position: index + 1,
            name: rule.name,
            conditions: JSON.stringify(rule.conditions),
            target_group_id: rule.groupId ?? null,
            target_chatbot_id: rule.chatbotId ?? null,
            is_fallback: rule.fallback ?? false,
          })),
        )
        .execute();
    },

    /**
     * The non-unique secondary indexes of `sessions` (none backs a constraint), with their definitions,
     * so a very large load can drop them and build them once at the end: the schema ends identical.
     */
    async secondaryIndexes(table: 'sessions') {
      const result = await sql<{ name: string; definition: string }>`
        SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = ${table}::regclass
          AND NOT i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY c.relname`.execute(db);
      return result.rows;
    },

    async dropIndexes(names: readonly string[]) {
      for (const name of names) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db);
    },

    /** Builds indexes from their definitions on one connection without the statement timeout. */
    async createIndexes(definitions: readonly string[]) {
      await db.connection().execute(async (connection) => {
        await sql`SET statement_timeout = 0`.execute(connection);
        await sql`SET maintenance_work_mem = '512MB'`.execute(connection);
        for (const definition of definitions) {
          const ifMissing = definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ');
          await sql.raw(ifMissing).execute(connection);
        }
        await sql`RESET statement_timeout`.execute(connection);
        await sql`RESET maintenance_work_mem`.execute(connection);
      });
    },

    /** After a bulk load: fresh statistics and visibility maps (index-only scans) for the loaded tables. */
    async vacuumAnalyze() {
      await db.connection().execute(async (connection) => {
        await sql`SET statement_timeout = 0`.execute(connection);
        for (const table of [
          'sessions',
          'activities',
          'session_participants',
          'routing_events',
          'notes',
          'recordings',
          'contacts',
          'contact_identities',
          'session_import_hashes',
        ]) {
          await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(connection);
        }
        await sql`RESET statement_timeout`.execute(connection);
      });
    },

    async counts(tenantId: string) {
      const result = await sql<{ sessions: number; activities: number; messages: number }>`
        SELECT (SELECT count(*)::int FROM sessions WHERE tenant_id = ${tenantId}) AS sessions,
               (SELECT count(*)::int FROM activities WHERE tenant_id = ${tenantId}) AS activities,
               (SELECT count(*)::int FROM activities WHERE tenant_id = ${tenantId} AND type <> 'system') AS messages`.execute(
        db,
      );
      return result.rows[0]!;
    },
  };
}
