import { sql } from 'kysely';
import type { Services } from '../services';
import { createUser, type TestTenant, type TestUser } from './factories';

/**
 * Test data for the sessions API: a tenant's operators, groups, chatbots, widget and sessions with
 * transcripts, written straight into the tables (the importer is another module). Deterministic, so the
 * tests can compute the expected answers from the same rows in JavaScript.
 */

export interface FixtureActivity {
  sender: 'client' | 'operator' | 'chatbot' | 'system';
  type?: 'message' | 'file' | 'system';
  text?: string;
  fileName?: string;
  systemCode?: string;
}

export interface FixtureSession {
  id: string;
  externalId: string | null;
  status: 'queued' | 'offered' | 'active' | 'after_work' | 'closed';
  channel: string;
  source: string;
  createdAt: Date;
  acceptedAt: Date | null;
  endedAt: Date | null;
  waitingTime: number | null;
  duration: number | null;
  operatorIds: string[];
  groupId: string | null;
  chatbotId: string | null;
  endReason: string | null;
  clientLeft: string | null;
  pageUrl: string | null;
  widgetId: string | null;
  clientName: string | null;
  clientEmail: string | null;
  clientPhone: string | null;
  clientIp: string | null;
  language: string | null;
  browser: string | null;
  os: string | null;
  tags: string[];
  rating: number | null;
  feedback: string | null;
  messageCount: number;
  hasRecording: boolean;
  banned: boolean;
  params: Record<string, string>;
}

export interface Fixture {
  operators: TestUser[];
  operatorNames: Map<string, string>;
  groups: { id: string; name: string }[];
  chatbots: { id: string; name: string }[];
  widgets: { id: string; name: string }[];
  sessions: FixtureSession[];
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;
const maybe = <T>(random: () => number, value: T, chance = 0.7): T | null =>
  random() < chance ? value : null;

export async function insertSession(
  services: Services,
  tenantId: string,
  values: Partial<Omit<FixtureSession, 'id'>>,
  activities: FixtureActivity[] = [],
): Promise<string> {
  const createdAt = values.createdAt ?? new Date();
  const status = values.status ?? 'closed';
  const row = await services.db
    .insertInto('sessions')
    .values({
      tenant_id: tenantId,
      external_id: values.externalId ?? null,
      channel: (values.channel ?? 'webchat') as 'webchat',
      source: (values.source ?? 'widget') as 'widget',
      status,
      created_at: createdAt,
      accepted_at: values.acceptedAt ?? null,
      ended_at: values.endedAt ?? (status === 'closed' ? createdAt : null),
      waiting_seconds: values.waitingTime ?? null,
      duration_seconds: values.duration ?? null,
      operator_ids: values.operatorIds ?? [],
      group_id: values.groupId ?? null,
      chatbot_id: values.chatbotId ?? null,
      // The generated types miss that these enumerations are nullable (kysely-codegen + CHECK constraints).
      end_reason: (values.endReason ?? null) as 'api',
      client_left: (values.clientLeft ?? null) as 'left_queue',
      page_url: values.pageUrl ?? null,
      widget_id: values.widgetId ?? null,
      client_name: values.clientName ?? null,
      client_email: values.clientEmail ?? null,
      client_phone: values.clientPhone ?? null,
      client_ip: values.clientIp ?? null,
      client_language: values.language ?? null,
      client_browser: values.browser ?? null,
      client_os: values.os ?? null,
      tags: values.tags ?? [],
      rating: values.rating ?? null,
      feedback: values.feedback ?? null,
      message_count: values.messageCount ?? activities.filter((a) => a.sender !== 'system').length,
      has_recording: values.hasRecording ?? false,
      banned: values.banned ?? false,
      params: JSON.stringify(values.params ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (activities.length > 0) {
    await services.db
      .insertInto('activities')
      .values(
        activities.map((activity, index) => ({
          tenant_id: tenantId,
          session_id: row.id,
          at: new Date(createdAt.getTime() + index * 1000),
          sender: activity.sender,
          type:
            activity.type ??
            (activity.fileName ? 'file' : activity.sender === 'system' ? 'system' : 'message'),
          text: activity.text ?? null,
          file_name: activity.fileName ?? null,
          system_code: activity.systemCode ?? (activity.sender === 'system' ? 'note' : null),
          user_id: activity.sender === 'operator' ? (values.operatorIds?.[0] ?? null) : null,
        })),
      )
      .execute();
    await sql`SELECT refresh_search_documents(${tenantId}::bigint, ARRAY[${row.id}]::bigint[])`.execute(
      services.db,
    );
  }
  const names = Object.keys(values.params ?? {});
  if (names.length > 0) {
    await services.db
      .insertInto('param_names')
      .values(names.map((name) => ({ tenant_id: tenantId, name })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return row.id;
}

/** A tenant's reference data and `count` varied sessions (some with empty values in every column). */
export async function buildFixture(
  services: Services,
  tenant: TestTenant,
  count = 40,
  seed = 7,
): Promise<Fixture> {
  const random = prng(seed);
  const operators = [
    await createUser(services, tenant.slug, 'operator'),
    await createUser(services, tenant.slug, 'operator'),
    await createUser(services, tenant.slug, 'operator'),
  ];
  const users = await services.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenant.id)
    .execute();
  const operatorNames = new Map(users.map((user) => [user.id, user.name]));
  const insertNamed = async (table: 'operator_groups' | 'chatbots', names: string[]) =>
    services.db
      .insertInto(table)
      .values(names.map((name) => ({ tenant_id: tenant.id, name })))
      .returning(['id', 'name'])
      .execute();
  const groups = await insertNamed('operator_groups', ['Podpora', 'Obchod', 'Účetnictví']);
  const chatbots = await insertNamed('chatbots', ['Robot Rudolf', 'Asistentka']);
  const widgets = await services.db
    .insertInto('widgets')
    .values([
      { tenant_id: tenant.id, name: 'Web', public_key: `pk-${tenant.id}-1` },
      { tenant_id: tenant.id, name: 'E-shop', public_key: `pk-${tenant.id}-2` },
    ])
    .returning(['id', 'name'])
    .execute();

  const base = Date.UTC(2025, 0, 1);
  const sessions: FixtureSession[] = [];
  for (let i = 0; i < count; i += 1) {
    const closed = random() < 0.85;
    const createdAt = new Date(base + Math.floor(random() * 90 * 86400) * 1000 + (i % 3 === 0 ? 0 : i));
    const accepted = random() < 0.8;
    const waitingTime = Math.floor(random() * 300);
    const duration = accepted && closed ? Math.floor(random() * 3000) : null;
    const acceptedAt = accepted ? new Date(createdAt.getTime() + waitingTime * 1000) : null;
    const endedAt = closed
      ? new Date(createdAt.getTime() + (waitingTime + (duration ?? 0) + 1) * 1000)
      : null;
    const operatorIds = operators.filter(() => random() < 0.4).map((operator) => operator.id);
    const values: Omit<FixtureSession, 'id'> = {
      externalId: maybe(random, `EXT-${1000 + i}`),
      status: closed ? 'closed' : pick(random, ['queued', 'offered', 'active', 'after_work'] as const),
      channel: pick(random, ['webchat', 'whatsapp', 'messenger', 'phone']),
      source: pick(random, ['widget', 'api', 'campaign']),
      createdAt,
      acceptedAt,
      endedAt,
      waitingTime: maybe(random, waitingTime, 0.9),
      duration,
      operatorIds,
      groupId: maybe(random, pick(random, groups).id),
      chatbotId: maybe(random, pick(random, chatbots).id, 0.4),
      endReason: closed ? maybe(random, pick(random, ['client_left', 'operator_ended', 'api'])) : null,
      clientLeft: maybe(random, pick(random, ['left_queue', 'left_session']), 0.5),
      pageUrl: maybe(
        random,
        pick(random, [
          'https://shop.example.cz/kosik',
          'https://shop.example.cz/objednavka/12',
          'https://example.com/help',
        ]),
      ),
      widgetId: maybe(random, pick(random, widgets).id),
      clientName: maybe(
        random,
        pick(random, ['Jana Nováková', 'Petr Svoboda', 'Žaneta Černá', 'john smith']),
      ),
      clientEmail: maybe(random, pick(random, ['jana@example.cz', 'petr@example.cz', 'john@example.com'])),
      clientPhone: maybe(random, pick(random, ['+420601111222', '+420777000111', '+44 20 7946 0000'])),
      clientIp: maybe(random, pick(random, ['10.0.0.1', '192.168.1.20', '2001:db8::1'])),
      language: maybe(random, pick(random, ['cs', 'en', 'sk'])),
      browser: maybe(random, pick(random, ['Chrome', 'Firefox', 'Safari'])),
      os: maybe(random, pick(random, ['Windows', 'Android', 'iOS'])),
      tags: ['vip', 'reklamace', 'faktura', 'spam'].filter(() => random() < 0.3),
      rating: maybe(random, 1 + Math.floor(random() * 5), 0.5),
      feedback: maybe(random, pick(random, ['Skvělá pomoc', 'Nic moc', 'Great help']), 0.4),
      messageCount: Math.floor(random() * 30),
      hasRecording: random() < 0.3,
      banned: random() < 0.1,
      params: Object.fromEntries(
        (
          [
            ['orderId', `ORD-${100 + Math.floor(random() * 5)}`],
            ['segment', pick(random, ['B2B', 'B2C'])],
          ] as [string, string][]
        ).filter(() => random() < 0.6),
      ),
    };
    const id = await insertSession(services, tenant.id, values);
    sessions.push({ ...values, id });
  }
  return { operators, operatorNames, groups, chatbots, widgets, sessions };
}

/** Sentences of a contact centre's chats, Czech and English, for content search tests. */
export const SEARCHED_PHRASES: readonly string[] = [
  'Dobrý den, kde je moje objednávka číslo 48552671?',
  'Vaše objednávku jsme odeslali, sledujte zásilku.',
  'Ve faktuře chybí DIČ, pošlete opravenou fakturu.',
  'Chci podat reklamaci, kniha přišla poškozená.',
  'Ke knize pošlete foto, reklamací se zabývá kolega.',
  'Nebyl jsem doma, kurýr nechal zásilku u souseda v domě.',
  'Hello, my ORDER has not been delivered, invoices attached.',
  'Napište na jan.novak@firma.cz nebo volejte.',
  'Odkaz: https://shop.example.cz/objednavka/12 a e-shop funguje.',
  'Sleva vám přísluší podle smlouvy, paní Nováková.',
  'Objednávek bylo víc, faktura dorazila.',
  'Děkuji, nashledanou.',
];

/**
 * `count` History sessions a minute apart from 1 May 2025 08:00 UTC, each saying one to three of
 * `phrases` (and `extra(i)`'s lines), over four channels, taken by each of `operators` with `share(at)`,
 * with empty and tied durations and waiting times (for sorts). Deterministic by `seed`.
 */
export async function insertSearchedSessions(
  services: Services,
  tenantId: string,
  operators: readonly TestUser[],
  options: {
    seed: number;
    count: number;
    phrases?: readonly string[];
    share?: (at: number) => number;
    extra?: (i: number) => FixtureActivity[];
  },
): Promise<void> {
  const { phrases = SEARCHED_PHRASES, share = () => 0.5, extra = () => [] } = options;
  const channels = ['webchat', 'whatsapp', 'messenger', 'phone'];
  const random = prng(options.seed);
  for (let i = 0; i < options.count; i++) {
    const said = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      sender: random() < 0.5 ? ('client' as const) : ('operator' as const),
      text: phrases[Math.floor(random() * phrases.length)]!,
    }));
    await insertSession(
      services,
      tenantId,
      {
        createdAt: new Date(Date.UTC(2025, 4, 1, 8, i)),
        channel: channels[i % channels.length]!,
        operatorIds: operators.filter((_, at) => random() < share(at)).map((operator) => operator.id),
        duration: random() < 0.2 ? null : Math.floor(random() * 40) * 15,
        waitingTime: random() < 0.3 ? null : Math.floor(random() * 20),
        params: i % 3 === 0 ? {} : { segment: i % 3 === 1 ? 'B2B' : 'B2C' },
      },
      [...said, ...extra(i)],
    );
  }
}
