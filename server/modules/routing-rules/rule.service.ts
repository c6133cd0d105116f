import type { Database } from '../../db/database';
import { invalid, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { recordAudit } from '../audit/audit.repository';
import { pickRule, type RoutedSession, type RuleConditions } from '../routing/routing.rules';
import { ruleRepository, type RuleRow, type RuleValues } from './rule.repository';

export type RuleTarget = { groupId: string } | { chatbotId: string };

export interface RuleInput {
  name?: string;
  conditions?: RuleConditions;
  target?: RuleTarget;
  enabled?: boolean;
  isFallback?: boolean;
}

function present(row: RuleRow) {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    conditions: (row.conditions ?? {}) as RuleConditions,
    target: row.target_group_id
      ? { kind: 'group' as const, id: row.target_group_id, name: row.target_group_name ?? '' }
      : { kind: 'chatbot' as const, id: row.target_chatbot_id ?? '', name: row.target_chatbot_name ?? '' },
    enabled: row.enabled,
    isFallback: row.is_fallback,
  };
}

export type RuleView = ReturnType<typeof present>;

/**
 * Routing rules: the ordered list, create, change, enable/disable, reorder, delete, and "which rule
 * would take this session". The engine reads enabled rules from the database for every new session
 * (`routing.repository.ts` `enabledRules`) and picks with the same `pickRule`, so what the test
 * endpoint answers is what routing does, and a committed change applies at once on every instance.
 */
export function ruleService(db: Database) {
  const repo = ruleRepository(db);

  async function checkTarget(
    trxRepo: ReturnType<typeof ruleRepository>,
    tenantId: string,
    target: RuleTarget,
  ) {
    if ('groupId' in target) {
      if (!(await trxRepo.groupExists(tenantId, target.groupId))) {
        throw invalid(`target.groupId: group ${target.groupId} does not exist.`, {
          parameter: 'target.groupId',
        });
      }
    } else if (!(await trxRepo.chatbotExists(tenantId, target.chatbotId))) {
      throw invalid(`target.chatbotId: chatbot ${target.chatbotId} does not exist.`, {
        parameter: 'target.chatbotId',
      });
    }
  }

  function toValues(input: RuleInput): Partial<RuleValues> {
    const values: Partial<RuleValues> = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.conditions !== undefined) values.conditions = JSON.stringify(input.conditions);
    if (input.target !== undefined) {
      values.target_group_id = 'groupId' in input.target ? input.target.groupId : null;
      values.target_chatbot_id = 'chatbotId' in input.target ? input.target.chatbotId : null;
    }
    if (input.enabled !== undefined) values.enabled = input.enabled;
    if (input.isFallback !== undefined) values.is_fallback = input.isFallback;
    return values;
  }

  async function list(tenantId: string) {
    return (await repo.list(tenantId)).map(present);
  }

  async function requireRule(tenantId: string, ruleId: string) {
    const rule = (await list(tenantId)).find((row) => row.id === ruleId);
    if (!rule) throw notFound(`Routing rule ${ruleId}`);
    return rule;
  }

  return {
    list: (principal: Principal) => list(principal.tenantId),

    chatbots: (principal: Principal) => repo.chatbots(principal.tenantId),

    async create(principal: Principal, input: RuleInput & { name: string; target: RuleTarget }) {
      const id = await db.transaction().execute(async (trx) => {
        const trxRepo = ruleRepository(trx);
        const all = await trxRepo.lockAll(principal.tenantId);
        await checkTarget(trxRepo, principal.tenantId, input.target);
        const position = Math.max(0, ...all.map((rule) => rule.position)) + 1;
        const ruleId = await trxRepo.insert(principal.tenantId, position, {
          name: input.name,
          conditions: JSON.stringify(input.conditions ?? {}),
          target_group_id: 'groupId' in input.target ? input.target.groupId : null,
          target_chatbot_id: 'chatbotId' in input.target ? input.target.chatbotId : null,
          is_fallback: input.isFallback ?? false,
          enabled: input.enabled ?? true,
        });
        await recordAudit(trx, principal, {
          action: 'routing_rule.create',
          objectType: 'routing_rule',
          objectId: ruleId,
          data: { after: { ...input, position } },
        });
        return ruleId;
      });
      return requireRule(principal.tenantId, id);
    },

    async update(principal: Principal, ruleId: string, input: RuleInput) {
      await db.transaction().execute(async (trx) => {
        const trxRepo = ruleRepository(trx);
        const all = await trxRepo.lockAll(principal.tenantId);
        const current = all.find((rule) => rule.id === ruleId);
        if (!current) throw notFound(`Routing rule ${ruleId}`);
        if (input.target) await checkTarget(trxRepo, principal.tenantId, input.target);
        const before: Record<string, unknown> = {
          name: current.name,
          conditions: current.conditions,
          target: current.target_group_id
            ? { groupId: current.target_group_id }
            : { chatbotId: current.target_chatbot_id },
          enabled: current.enabled,
          isFallback: current.is_fallback,
        };
        const changedBefore: Record<string, unknown> = {};
        const changedAfter: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(input)) {
          if (value === undefined || JSON.stringify(value) === JSON.stringify(before[key])) continue;
          changedBefore[key] = before[key];
          changedAfter[key] = value;
        }
        if (Object.keys(changedAfter).length === 0) return;
        await trxRepo.update(principal.tenantId, ruleId, toValues(input));
        await recordAudit(trx, principal, {
          action: 'routing_rule.update',
          objectType: 'routing_rule',
          objectId: ruleId,
          data: { before: changedBefore, after: changedAfter },
        });
      });
      return requireRule(principal.tenantId, ruleId);
    },

    async remove(principal: Principal, ruleId: string) {
      await db.transaction().execute(async (trx) => {
        const trxRepo = ruleRepository(trx);
        const all = await trxRepo.lockAll(principal.tenantId);
        const current = all.find((rule) => rule.id === ruleId);
        if (!current) throw notFound(`Routing rule ${ruleId}`);
        await trxRepo.remove(principal.tenantId, ruleId);
        await recordAudit(trx, principal, {
          action: 'routing_rule.delete',
          objectType: 'routing_rule',
          objectId: ruleId,
          data: { before: { name: current.name, position: current.position } },
        });
      });
    },

    /** Puts the rules in the given order; `ids` must name every rule of the tenant exactly once. */
    async reorder(principal: Principal, ids: string[]) {
      await db.transaction().execute(async (trx) => {
        const trxRepo = ruleRepository(trx);
        const all = await trxRepo.lockAll(principal.tenantId);
        const known = new Set(all.map((rule) => rule.id));
        if (
          ids.length !== known.size ||
          new Set(ids).size !== ids.length ||
          ids.some((id) => !known.has(id))
        ) {
          throw invalid('ids: list every routing rule of the workspace exactly once, in the new order.', {
            parameter: 'ids',
          });
        }
        await trxRepo.reorder(principal.tenantId, ids);
        await recordAudit(trx, principal, {
          action: 'routing_rule.reorder',
          objectType: 'routing_rules',
          data: { before: { order: all.map((rule) => rule.id) }, after: { order: ids } },
        });
      });
      return list(principal.tenantId);
    },

    /** Which rule would take a session like this: the enabled rules, in order, as the engine picks. */
    async test(
      principal: Principal,
      session: { channel: string; source: string; pageUrl?: string; params?: Record<string, string> },
    ) {
      const rules = (await repo.list(principal.tenantId)).filter((rule) => rule.enabled);
      const routed: RoutedSession = {
        channel: session.channel,
        source: session.source,
        page_url: session.pageUrl ?? null,
        params: session.params ?? {},
      };
      const picked = pickRule(rules, routed);
      return { rule: picked ? present(picked) : null };
    },
  };
}

export type RuleService = ReturnType<typeof ruleService>;
