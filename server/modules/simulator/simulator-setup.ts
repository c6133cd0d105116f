import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { hashToken, newSecret } from '../../platform/auth/secrets';
import { notFound } from '../../platform/errors';
import { formatApiKey } from '../auth/auth.service';

export interface SimulatedOperator {
  id: string;
  name: string;
  apiKey: string;
}

export interface SimulationSetup {
  tenantId: string;
  widgetKey: string;
  operators: SimulatedOperator[];
  /** Revokes the API keys made for this run. */
  release(): Promise<void>;
}

const SIMULATOR = 'Simulator';

/**
 * Makes a tenant ready for simulated traffic, touching only what is missing: a widget to start chats
 * with, a group and a fallback rule when the tenant routes nowhere, operators in groups (existing
 * ones first), and for each operator an API key that acts for them (revoked by `release`).
 */
export async function prepareSimulation(
  db: Database,
  tenantSlug: string,
  options: { operators: number },
): Promise<SimulationSetup> {
  const tenant = await db
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', tenantSlug)
    .executeTakeFirst();
  if (!tenant) throw notFound(`Tenant ${tenantSlug}`);
  const tenantId = tenant.id;

  const widget =
    (await db
      .selectFrom('widgets')
      .select('public_key')
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .executeTakeFirst()) ??
    (await db
      .insertInto('widgets')
      .values({ tenant_id: tenantId, name: SIMULATOR, public_key: `wk_${randomBytes(16).toString('hex')}` })
      .returning('public_key')
      .executeTakeFirstOrThrow());

  const rules = await db
    .selectFrom('routing_rules')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', true)
    .execute();
  if (rules.length === 0) {
    const group = await ensureGroup(db, tenantId);
    const position = await db
      .selectFrom('routing_rules')
      .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('routing_rules')
      .values({
        tenant_id: tenantId,
        position: position.next,
        name: `${SIMULATOR} fallback`,
        target_group_id: group,
        is_fallback: true,
      })
      .execute();
  }

  const members = await db
    .selectFrom('users as u')
    .innerJoin('group_members as m', (join) =>
      join.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.name', 'm.group_id'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.role', '=', 'operator')
    .where('u.disabled_at', 'is', null)
    .orderBy('u.id')
    .execute();
  let operators = coveringOperators(members, options.operators);
  if (operators.length === 0) {
    const group = await ensureGroup(db, tenantId);
    operators = [];
    for (let index = 1; index <= options.operators; index += 1) {
      const user = await db
        .insertInto('users')
        .values({
          tenant_id: tenantId,
          email: `sim-operator-${index}@${tenantSlug}.example`,
          name: `Simulated operator ${index}`,
          role: 'operator',
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'email']).doUpdateSet({ disabled_at: null }))
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      await db
        .insertInto('group_members')
        .values({ tenant_id: tenantId, group_id: group, user_id: user.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
      operators.push(user);
    }
  }

  const keyIds: string[] = [];
  const simulated: SimulatedOperator[] = [];
  for (const operator of operators) {
    const secret = newSecret();
    const key = await db
      .insertInto('api_keys')
      .values({
        tenant_id: tenantId,
        name: `${SIMULATOR} (${operator.name})`,
        role: 'operator',
        user_id: operator.id,
        secret_hash: hashToken(secret),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    keyIds.push(key.id);
    simulated.push({ id: operator.id, name: operator.name, apiKey: formatApiKey(tenantId, key.id, secret) });
  }

  return {
    tenantId,
    widgetKey: widget.public_key,
    operators: simulated,
    release: async () => {
      if (keyIds.length === 0) return;
      await db
        .updateTable('api_keys')
        .set({ revoked_at: sql<Date>`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', keyIds)
        .execute();
    },
  };
}

async function ensureGroup(db: Database, tenantId: string): Promise<string> {
  const existing = await db
    .selectFrom('operator_groups')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .executeTakeFirst();
  if (existing) return existing.id;
  const created = await db
    .insertInto('operator_groups')
    .values({ tenant_id: tenantId, name: SIMULATOR, strategy: 'utilisation', accept_timeout_seconds: 20 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/**
 * Up to `count` operators, chosen so that as many groups as possible have one of them (a group whose
 * members are all unsimulated would only ever time out), then by id.
 */
function coveringOperators(
  members: { id: string; name: string; group_id: string }[],
  count: number,
): { id: string; name: string }[] {
  const groupsOf = new Map<string, { name: string; groups: Set<string> }>();
  for (const member of members) {
    const entry = groupsOf.get(member.id) ?? { name: member.name, groups: new Set<string>() };
    entry.groups.add(member.group_id);
    groupsOf.set(member.id, entry);
  }
  const chosen: { id: string; name: string }[] = [];
  const covered = new Set<string>();
  const left = new Map(groupsOf);
  while (chosen.length < count && left.size > 0) {
    let best: [string, { name: string; groups: Set<string> }] | undefined;
    let bestGain = -1;
    for (const candidate of left) {
      const gain = [...candidate[1].groups].filter((group) => !covered.has(group)).length;
      if (gain > bestGain) [best, bestGain] = [candidate, gain];
    }
    if (!best) break;
    left.delete(best[0]);
    for (const group of best[1].groups) covered.add(group);
    chosen.push({ id: best[0], name: best[1].name });
  }
  return chosen;
}
