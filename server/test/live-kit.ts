import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { App } from '../platform/http/types';
import type { Services } from '../services';
import { bearer, createTenant, createUser, type TestTenant, type TestUser } from './factories';
import type { GroupStrategy, UserState } from '../../common/domain';

/** Builders for live sessions: tenants with a widget, groups, operators, rules, chats. */

export interface LiveTenant extends TestTenant {
  widgetKey: string;
  supervisor: TestUser;
}

export async function createLiveTenant(services: Services): Promise<LiveTenant> {
  const tenant = await createTenant(services);
  const supervisor = await createUser(services, tenant.slug, 'supervisor');
  const widgetKey = `wk_${randomBytes(12).toString('hex')}`;
  await services.db
    .insertInto('widgets')
    .values({ tenant_id: tenant.id, name: 'Web', public_key: widgetKey })
    .execute();
  return { ...tenant, widgetKey, supervisor };
}

export async function addGroup(
  services: Services,
  tenantId: string,
  values: {
    name?: string;
    strategy?: GroupStrategy;
    queueSize?: number;
    acceptTimeoutSeconds?: number;
    maxWaitSeconds?: number | null;
    nextGroupId?: string | null;
  } = {},
): Promise<string> {
  const row = await services.db
    .insertInto('operator_groups')
    .values({
      tenant_id: tenantId,
      name: values.name ?? `group-${randomBytes(3).toString('hex')}`,
      strategy: values.strategy ?? 'utilisation',
      queue_size: values.queueSize ?? 20,
      accept_timeout_seconds: values.acceptTimeoutSeconds ?? 30,
      max_wait_seconds: values.maxWaitSeconds ?? null,
      next_group_id: values.nextGroupId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addOperator(
  services: Services,
  tenant: TestTenant,
  values: {
    groups?: { id: string; priority?: number }[];
    capacity?: number;
    state?: UserState;
    name?: string;
  } = {},
): Promise<TestUser & { name: string }> {
  const user = await createUser(services, tenant.slug, 'operator');
  const name = values.name ?? `Operator ${user.id}`;
  await services.db
    .updateTable('users')
    .set({ capacity: values.capacity ?? 3, state: values.state ?? 'online', name })
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', user.id)
    .execute();
  for (const group of values.groups ?? []) {
    await services.db
      .insertInto('group_members')
      .values({ tenant_id: tenant.id, group_id: group.id, user_id: user.id, priority: group.priority ?? 0 })
      .execute();
  }
  return { ...user, name };
}

let rulePosition = 0;
export async function addRule(
  services: Services,
  tenantId: string,
  values: {
    groupId?: string;
    chatbotId?: string;
    conditions?: Record<string, unknown>;
    fallback?: boolean;
    position?: number;
  },
): Promise<string> {
  rulePosition += 1;
  const row = await services.db
    .insertInto('routing_rules')
    .values({
      tenant_id: tenantId,
      position: values.position ?? rulePosition,
      name: `rule ${rulePosition}`,
      conditions: JSON.stringify(values.conditions ?? {}),
      target_group_id: values.groupId ?? null,
      target_chatbot_id: values.chatbotId ?? null,
      is_fallback: values.fallback ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface StartedChat {
  sessionId: string;
  status: string;
  endReason: string | null;
  clientToken: string;
}

export async function startChat(
  app: App,
  widgetKey: string,
  body: Record<string, unknown> = {},
): Promise<StartedChat> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/live/client/sessions',
    headers: { 'x-widget-key': widgetKey },
    payload: { visitorId: `v-${randomBytes(4).toString('hex')}`, ...body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<StartedChat>();
}

export function clientHeaders(tenant: { widgetKey: string }, chat: StartedChat) {
  return { 'x-widget-key': tenant.widgetKey, 'x-client-token': chat.clientToken };
}

export async function operatorPost(app: App, user: TestUser, path: string, payload?: unknown) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/live/operator${path}`,
    headers: bearer(user),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export async function sessionRow(services: Services, tenantId: string, sessionId: string) {
  return services.db
    .selectFrom('sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
}

export async function pendingOffers(services: Services, tenantId: string, sessionId: string) {
  const rows = await services.db
    .selectFrom('session_offers')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .where('state', '=', 'pending')
    .orderBy('user_id')
    .execute();
  return rows.map((row) => row.user_id);
}

export async function routingKinds(services: Services, tenantId: string, sessionId: string) {
  const rows = await services.db
    .selectFrom('routing_events')
    .select('kind')
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.kind);
}

/** Polls until `check` passes (timers fire through the job queue, so some outcomes come later). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Gives an existing test tenant a widget, a group with a fallback rule and an online operator. */
export async function equipTenant(services: Services, tenant: TestTenant) {
  const widgetKey = `wk_${randomBytes(12).toString('hex')}`;
  await services.db
    .insertInto('widgets')
    .values({ tenant_id: tenant.id, name: 'Web', public_key: widgetKey })
    .execute();
  const group = await addGroup(services, tenant.id);
  await addRule(services, tenant.id, { groupId: group, fallback: true });
  const operator = await addOperator(services, tenant, { groups: [{ id: group }] });
  return { widgetKey, group, operator };
}
