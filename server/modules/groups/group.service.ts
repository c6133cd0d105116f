import type { Database } from '../../db/database';
import { AppError, invalid, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import type { GroupStrategy } from '../../../common/domain';
import { recordAudit } from '../audit/audit.repository';
import { groupRepository, type GroupRow, type GroupValues } from './group.repository';

export interface GroupInput {
  name?: string;
  strategy?: GroupStrategy;
  queueSize?: number;
  acceptTimeoutSeconds?: number;
  maxWaitSeconds?: number | null;
  nextGroupId?: string | null;
  members?: { userId: string; priority: number }[];
}

function present(row: GroupRow) {
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy,
    queueSize: row.queue_size,
    acceptTimeoutSeconds: row.accept_timeout_seconds,
    maxWaitSeconds: row.max_wait_seconds,
    nextGroupId: row.next_group_id,
    members: row.members,
    rules: row.rules,
    liveSessions: row.live_sessions,
    createdAt: row.created_at,
  };
}

function toValues(input: GroupInput): Partial<GroupValues> {
  const values: Partial<GroupValues> = {};
  if (input.name !== undefined) values.name = input.name;
  if (input.strategy !== undefined) values.strategy = input.strategy;
  if (input.queueSize !== undefined) values.queue_size = input.queueSize;
  if (input.acceptTimeoutSeconds !== undefined) values.accept_timeout_seconds = input.acceptTimeoutSeconds;
  if (input.maxWaitSeconds !== undefined) values.max_wait_seconds = input.maxWaitSeconds;
  if (input.nextGroupId !== undefined) values.next_group_id = input.nextGroupId;
  return values;
}

/**
 * Operator groups: name, strategy, accept timeout, queue size, maximum wait and the next group, and
 * members with priorities. The routing engine reads groups and members from the database on every
 * decision, so a committed change applies at once on every instance. Audited with before/after.
 */
export function groupService(db: Database) {
  const repo = groupRepository(db);

  async function requireGroup(tenantId: string, groupId: string) {
    const group = await repo.find(tenantId, groupId);
    if (!group) throw notFound(`Group ${groupId}`);
    return group;
  }

  async function check(
    trxRepo: ReturnType<typeof groupRepository>,
    tenantId: string,
    groupId: string | null,
    input: GroupInput,
  ) {
    if (input.name !== undefined && (await trxRepo.nameTaken(tenantId, input.name, groupId))) {
      throw new AppError('groups.name_taken', `A group named "${input.name}" already exists.`);
    }
    if (input.nextGroupId) {
      if (input.nextGroupId === groupId) {
        throw invalid('nextGroupId: a group cannot overflow into itself.', { parameter: 'nextGroupId' });
      }
      if (!(await trxRepo.exists(tenantId, input.nextGroupId))) {
        throw invalid(`nextGroupId: group ${input.nextGroupId} does not exist.`, {
          parameter: 'nextGroupId',
        });
      }
    }
    if (input.members) {
      const ids = input.members.map((m) => m.userId);
      if (new Set(ids).size !== ids.length) {
        throw invalid('members: each user at most once.', { parameter: 'members' });
      }
      const known = await trxRepo.knownUsers(tenantId, ids);
      const unknown = ids.find((id) => !known.has(id));
      if (unknown) throw invalid(`members: user ${unknown} does not exist.`, { parameter: 'members' });
    }
  }

  return {
    async list(principal: Principal) {
      return (await repo.list(principal.tenantId)).map(present);
    },

    async get(principal: Principal, groupId: string) {
      return present(await requireGroup(principal.tenantId, groupId));
    },

    async create(principal: Principal, input: GroupInput & { name: string }) {
      const id = await db.transaction().execute(async (trx) => {
        const trxRepo = groupRepository(trx);
        await check(trxRepo, principal.tenantId, null, input);
        const groupId = await trxRepo.insert(principal.tenantId, {
          name: input.name,
          strategy: input.strategy ?? 'utilisation',
          queue_size: input.queueSize ?? 20,
          accept_timeout_seconds: input.acceptTimeoutSeconds ?? 30,
          max_wait_seconds: input.maxWaitSeconds ?? null,
          next_group_id: input.nextGroupId ?? null,
        });
        if (input.members) await trxRepo.replaceMembers(principal.tenantId, groupId, input.members);
        await recordAudit(trx, principal, {
          action: 'group.create',
          objectType: 'group',
          objectId: groupId,
          data: { after: { ...input } },
        });
        return groupId;
      });
      return present(await requireGroup(principal.tenantId, id));
    },

    async update(principal: Principal, groupId: string, input: GroupInput) {
      await db.transaction().execute(async (trx) => {
        const trxRepo = groupRepository(trx);
        const current = await trxRepo.findForUpdate(principal.tenantId, groupId);
        if (!current) throw notFound(`Group ${groupId}`);
        await check(trxRepo, principal.tenantId, groupId, input);
        const beforeMembers = await trxRepo.members(principal.tenantId, groupId);
        const before: Record<string, unknown> = {
          name: current.name,
          strategy: current.strategy,
          queueSize: current.queue_size,
          acceptTimeoutSeconds: current.accept_timeout_seconds,
          maxWaitSeconds: current.max_wait_seconds,
          nextGroupId: current.next_group_id,
          members: beforeMembers.map((m) => ({ userId: m.user_id, priority: m.priority })),
        };
        const changedBefore: Record<string, unknown> = {};
        const changedAfter: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(input)) {
          if (value === undefined) continue;
          const sortMembers = (list: unknown) =>
            JSON.stringify(
              [...(list as { userId: string }[])].sort((a, b) => a.userId.localeCompare(b.userId)),
            );
          const same =
            key === 'members'
              ? sortMembers(value) === sortMembers(before.members)
              : JSON.stringify(value) === JSON.stringify(before[key]);
          if (same) continue;
          changedBefore[key] = before[key];
          changedAfter[key] = value;
        }
        if (Object.keys(changedAfter).length === 0) return;
        await trxRepo.update(principal.tenantId, groupId, toValues(input));
        if (input.members) await trxRepo.replaceMembers(principal.tenantId, groupId, input.members);
        await recordAudit(trx, principal, {
          action: 'group.update',
          objectType: 'group',
          objectId: groupId,
          data: { before: changedBefore, after: changedAfter },
        });
      });
      return present(await requireGroup(principal.tenantId, groupId));
    },

    /** Deletes a group no rule sends to and no live session waits in or is handled by (else 409). */
    async remove(principal: Principal, groupId: string) {
      await db.transaction().execute(async (trx) => {
        const trxRepo = groupRepository(trx);
        const current = await trxRepo.findForUpdate(principal.tenantId, groupId);
        if (!current) throw notFound(`Group ${groupId}`);
        const usage = await trxRepo.usage(principal.tenantId, groupId);
        if (usage.rules > 0 || usage.live > 0) {
          throw new AppError(
            'groups.in_use',
            `Group "${current.name}" is in use (${usage.rules} routing rule(s), ${usage.live} live session(s)); ` +
              'change those rules first and let its sessions end.',
            { rules: usage.rules, liveSessions: usage.live },
          );
        }
        await trxRepo.remove(principal.tenantId, groupId);
        await recordAudit(trx, principal, {
          action: 'group.delete',
          objectType: 'group',
          objectId: groupId,
          data: { before: { name: current.name } },
        });
      });
    },
  };
}

export type GroupService = ReturnType<typeof groupService>;
