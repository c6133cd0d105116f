import { createHash } from 'node:crypto';
import type { Channel, EndReason, Source, Status } from '../../../common/domain';
import type { ImportRecord } from '../imports/import.schemas';
import {
  banReasons,
  cities,
  endReasonTexts,
  feedbacks,
  firstNames,
  greetings,
  lastNames,
  products,
  topics,
  type Language,
  type Script,
  type Topic,
} from './conversations';

/**
 * Realistic sessions as import records, for the demo and the seed command. Deterministic: session i
 * depends only on (seed, i, until), drawn from its own seeded PRNG, so the same seed gives the same
 * data, and any range of sessions can be produced without the ones before it.
 */

export interface OperatorProfile {
  email: string;
  name: string;
  groups: string[];
}

export const demoGroups = ['Podpora', 'Obchod', 'VIP', 'Technická podpora', 'English support'] as const;
export const demoChatbots = ['Bot Eliška', 'Bot Max', 'Assistant Amy'] as const;
export const demoWidgets = ['main', 'eshop-checkout'] as const;

const operatorNames: [string, string[]][] = [
  ['Jana Nováková', ['Podpora', 'VIP']],
  ['Petr Dvořák', ['Podpora']],
  ['Lucie Černá', ['Podpora', 'English support']],
  ['Tomáš Procházka', ['Podpora', 'Technická podpora']],
  ['Kateřina Veselá', ['Podpora']],
  ['Martin Horák', ['Obchod']],
  ['Eva Kučerová', ['Obchod', 'VIP']],
  ['Jakub Marek', ['Obchod']],
  ['Tereza Pokorná', ['VIP']],
  ['Ondřej Růžička', ['Technická podpora']],
  ['Markéta Šťastná', ['Podpora']],
  ['David Němec', ['Technická podpora', 'English support']],
  ['Veronika Svobodová', ['Podpora']],
  ['Lukáš Novotný', ['Obchod']],
  ['Hana Králová', ['Podpora', 'VIP']],
  ['Michal Beneš', ['Technická podpora']],
  ['Emma Wilson', ['English support']],
  ['Oliver Brown', ['English support']],
  ['Zuzana Fialová', ['Podpora']],
  ['Pavel Zeman', ['Obchod', 'Podpora']],
];

/** ASCII e-mail local part from a Czech name: "Jana Nováková" → "jana.novakova". */
export function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export const demoOperators: OperatorProfile[] = operatorNames.map(([name, groups]) => ({
  email: `${asciiName(name)}@sessiondesk.example`,
  name,
  groups,
}));

/** sfc32: small, fast, good enough for synthetic data; seeded by SHA-256 so nearby seeds differ. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seed: (string | number)[]) {
    const digest = createHash('sha256').update(seed.join('\u0000')).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** [0, 1) */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  hex(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }
}

const channelWeights: [Channel, number][] = [
  ['webchat', 45],
  ['whatsapp', 15],
  ['phone', 12],
  ['messenger', 10],
  ['av', 8],
  ['apple', 5],
  ['vkontakte', 5],
];

const sourceWeights: Record<Channel, [Source, number][]> = {
  webchat: [
    ['widget', 70],
    ['invitation', 15],
    ['campaign', 6],
    ['api', 4],
    ['callback', 5],
  ],
  av: [
    ['widget', 55],
    ['invitation', 25],
    ['callback', 20],
  ],
  phone: [
    ['incoming_call', 65],
    ['outgoing_call', 20],
    ['callback', 15],
  ],
  messenger: [
    ['api', 80],
    ['campaign', 10],
    ['restored', 10],
  ],
  whatsapp: [
    ['api', 75],
    ['campaign', 12],
    ['restored', 13],
  ],
  apple: [
    ['api', 85],
    ['restored', 15],
  ],
  vkontakte: [
    ['api', 85],
    ['restored', 15],
  ],
};

const endReasonWeights: [EndReason, number][] = [
  ['client_left', 40],
  ['operator_ended', 33],
  ['chatbot_ended', 10],
  ['client_abandoned', 8],
  ['routing_failed', 2],
  ['operator_abandoned', 1.5],
  ['window_expired', 3.5],
  ['api', 2],
];

const dateFormats = {
  cs: new Intl.DateTimeFormat('cs-CZ', { timeZone: 'Europe/Prague' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague' }),
};
const messagingChannels = new Set<Channel>(['messenger', 'whatsapp', 'apple', 'vkontakte']);
// Product names, as a browser or system is called in both languages (not codes to translate).
const browsers = ['Chrome', 'Chrome', 'Chrome', 'Safari', 'Firefox', 'Edge', 'Samsung Internet'];
const systems = ['Windows', 'Windows', 'Android', 'iOS', 'macOS', 'Linux'];
const segments = ['B2C', 'B2C', 'B2C', 'B2B', 'VIP'];
const campaigns = ['jaro-2025', 'black-friday', 'vanoce', 'newsletter-06', 'leto-sleva'];

export interface GeneratorOptions {
  seed: string;
  /** How many sessions in total (live ones included). */
  sessions: number;
  /** The end of the generated period ("now" for the demo); history covers `days` before it. */
  until: Date;
  days?: number;
  /** How many of the last sessions are live at `until`. */
  live?: number;
  /** externalId prefix; the session number follows. */
  externalIdPrefix?: string;
}

interface Client {
  name: string;
  email: string;
  phone: string;
  language: string;
  browser: string;
  os: string;
  visitorId: string;
  ip: string;
  psid: string;
  vkId: string;
  appleId: string;
}

/** Hours of the day and days of the week weighted like a contact centre's traffic. */
function hourWeight(date: Date): number {
  const hour = (date.getUTCHours() + 1) % 24; // Central European time, near enough
  const day = date.getUTCDay();
  const daily = hour < 7 ? 0.05 : hour < 9 ? 0.6 : hour < 17 ? 1 : hour < 21 ? 0.5 : 0.15;
  return daily * (day === 0 ? 0.35 : day === 6 ? 0.5 : 1);
}

export function createGenerator(options: GeneratorOptions) {
  const days = options.days ?? 90;
  const total = options.sessions;
  const live = Math.min(options.live ?? 0, total);
  const history = total - live;
  const until = options.until.getTime();
  const start = until - days * 86_400_000;
  const historyEnd = until - 2 * 3600_000;
  const prefix = options.externalIdPrefix ?? `seed-${options.seed}-`;
  const width = Math.max(6, String(total).length);
  const clientCount = Math.max(20, Math.floor(total / 3));

  // The cumulative traffic curve over the period, per hour, so session times follow it.
  const hours = Math.max(1, Math.floor((historyEnd - start) / 3600_000));
  const cumulative = new Float64Array(hours + 1);
  for (let h = 0; h < hours; h++)
    cumulative[h + 1] = cumulative[h]! + hourWeight(new Date(start + h * 3600_000));
  const totalWeight = cumulative[hours]!;
  function timeAt(fraction: number): number {
    const target = fraction * totalWeight;
    let lo = 0;
    let hi = hours;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cumulative[mid]! <= target) lo = mid;
      else hi = mid - 1;
    }
    const within = (target - cumulative[lo]!) / (cumulative[lo + 1]! - cumulative[lo]! || 1);
    return start + (lo + Math.min(1, within)) * 3600_000;
  }

  const clients = new Map<number, Client>();
  function clientOf(index: number): Client {
    const cached = clients.get(index);
    if (cached) return cached;
    const r = new Random(options.seed, 'client', index);
    const language = r.weighted([
      ['cs', 72],
      ['en', 18],
      ['sk', 6],
      ['de', 4],
    ] as const);
    let name: string;
    if (language === 'cs' || language === 'sk') {
      const female = r.chance(0.52);
      const [male, fem] = r.pick(lastNames.czech);
      name = `${r.pick(female ? firstNames.female : firstNames.male)} ${female ? fem : male}`;
    } else {
      name = `${r.pick(firstNames.english)} ${r.pick(lastNames.english)}`;
    }
    const domain = r.pick(['seznam.cz', 'gmail.com', 'email.cz', 'centrum.cz', 'outlook.com', 'firma.cz']);
    const client: Client = {
      name,
      email: `${asciiName(name)}${r.chance(0.4) ? r.int(1, 99) : ''}@${domain}`,
      phone: `+420${r.pick(['6', '7'])}${r.digits(8)}`,
      language,
      browser: r.pick(browsers),
      os: r.pick(systems),
      visitorId: `v-${r.hex(16)}`,
      ip: `${r.pick(['185', '89', '46', '78', '213'])}.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}`,
      psid: r.digits(16),
      vkId: r.digits(9),
      appleId: `urn:mbid:${r.hex(24)}`,
    };
    if (clients.size > 50_000) clients.clear();
    clients.set(index, client);
    return client;
  }

  /** The first draws of a session, cheap to recompute for another session (restored links). */
  function headerOf(index: number): { channel: Channel; client: number } {
    const r = new Random(options.seed, 'head', index);
    const channel = r.weighted(channelWeights);
    // Returning clients: half of the sessions come from a quarter of the clients.
    const client = r.chance(0.5) ? r.int(0, Math.floor(clientCount / 4)) : r.int(0, clientCount - 1);
    return { channel, client };
  }

  const externalId = (index: number) => `${prefix}${String(index + 1).padStart(width, '0')}`;

  function fill(template: string, values: Record<string, string>): string {
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  }

  function session(index: number): ImportRecord {
    const r = new Random(options.seed, 'session', index);
    const head = headerOf(index);
    const channel = head.channel;
    const isLive = index >= history;
    let source = r.weighted(sourceWeights[channel]);
    let restoredFrom: string | undefined;
    if (source === 'restored') {
      for (let j = Math.min(index, history) - 1; j >= Math.max(0, index - 300); j--) {
        const other = headerOf(j);
        if (other.channel === channel) {
          restoredFrom = externalId(j);
          head.client = other.client;
          break;
        }
      }
      if (!restoredFrom) source = 'api';
    }
    const client = clientOf(head.client);
    const lang: Language = client.language === 'cs' || client.language === 'sk' ? 'cs' : 'en';
    const topic: Topic = r.weighted(topics.map((t) => [t, t.weight] as const));
    const script: Script = topic[lang];

    // Times
    // Live sessions are placed at "now" once their timeline is known (below).
    const created = isLive ? until : timeAt((index + r.next()) / Math.max(1, history));
    const status: Status = isLive
      ? r.weighted([
          ['queued', 25],
          ['offered', 10],
          ['active', 55],
          ['after_work', 10],
        ] as const)
      : 'closed';
    let endReason: EndReason | undefined = isLive ? undefined : r.weighted(endReasonWeights);
    if (endReason === 'window_expired' && !messagingChannels.has(channel)) endReason = 'client_left';
    const usesBot = (channel === 'webchat' || messagingChannels.has(channel)) && r.chance(0.45);
    if (endReason === 'chatbot_ended' && !usesBot) endReason = 'client_left';
    const chatbot = usesBot
      ? lang === 'en'
        ? 'Assistant Amy'
        : r.chance(0.7)
          ? 'Bot Eliška'
          : 'Bot Max'
      : undefined;
    const botOnly = endReason === 'chatbot_ended';
    const neverAccepted =
      botOnly ||
      endReason === 'client_abandoned' ||
      endReason === 'routing_failed' ||
      status === 'queued' ||
      status === 'offered';

    const segment = r.pick(segments);
    const group =
      lang === 'en'
        ? 'English support'
        : segment === 'VIP'
          ? 'VIP'
          : topic.key === 'sales'
            ? 'Obchod'
            : topic.key === 'account' && r.chance(0.5)
              ? 'Technická podpora'
              : 'Podpora';
    const members = demoOperators.filter((o) => o.groups.includes(group));
    const operator = r.pick(members);
    const redirected = !neverAccepted && r.chance(0.08);
    const secondGroup = redirected
      ? r.pick(demoGroups.filter((g) => g !== group && g !== 'English support'))
      : undefined;
    const second = secondGroup
      ? r.pick(demoOperators.filter((o) => o.groups.includes(secondGroup)))
      : undefined;

    const values: Record<string, string> = {
      order: String(40_000_000 + ((index * 7919 + r.int(0, 7918)) % 9_999_999)),
      invoice: `FV${new Date(created).getUTCFullYear()}${r.digits(5)}`,
      amount: String(r.int(2, 250) * 100 - 10),
      date: dateFormats[lang].format(new Date(created + r.int(1, 7) * 86_400_000)),
      tracking: `${r.pick(['Z', 'DR', 'PPL'])}${r.digits(10)}`,
      product: r.pick(products),
      city: r.pick(cities),
      email: client.email,
      operator: operator.name,
    };
    const say = (pool: readonly string[]) => fill(r.pick(pool), values);

    // The transcript, in time order.
    const activities: ImportRecord['activities'] = [];
    let t = created + r.int(1, 8) * 1000;
    const step = (minSeconds: number, maxSeconds: number) => (t += r.int(minSeconds, maxSeconds) * 1000);
    const at = () => new Date(t);
    const system = (code: string, text: string, data: Record<string, unknown> = {}) =>
      activities.push({ at: at(), from: 'system', type: 'system', text, systemCode: code, systemData: data });
    const operatorSays = (who: OperatorProfile, text: string) =>
      activities.push({ at: at(), from: 'operator', operator: who.email, type: 'message', text });
    const clientSays = (text: string) => activities.push({ at: at(), from: 'client', type: 'message', text });
    const botSays = (text: string) =>
      activities.push({ at: at(), from: 'chatbot', chatbot, type: 'message', text });

    const voice = channel === 'phone' || channel === 'av';
    if (chatbot) {
      botSays(r.pick(greetings[lang].bot));
      step(5, 40);
    }
    clientSays(say(script.opening));
    if (chatbot) {
      step(2, 6);
      botSays(botOnly ? say(script.bot) : r.pick(greetings[lang].botHandover));
      if (botOnly) {
        step(10, 60);
        if (r.chance(0.6)) clientSays(r.pick(greetings[lang].clientThanks));
        step(2, 5);
        botSays(r.pick(greetings[lang].botClosing));
      }
    }

    let acceptedAt: number | undefined;
    let operators: ImportRecord['operators'] = [];
    const routing: ImportRecord['routing'] = [
      {
        at: new Date(created),
        kind: 'rule_matched',
        ...(chatbot ? { chatbot } : { group }),
        data: { rule: chatbot ? 'Chatbot jako první' : `Kanál ${channel} → ${group}` },
      },
    ];
    if (!botOnly) {
      routing.push({ at: new Date(t), kind: 'entered_queue', group });
      const wait = status === 'queued' ? 0 : r.chance(0.7) ? r.int(5, 60) : r.int(60, 600);
      step(wait, wait);
      if (status !== 'queued' && endReason !== 'routing_failed' && endReason !== 'client_abandoned') {
        if (r.chance(0.12)) {
          const declined = r.pick(members);
          routing.push({ at: at(), kind: 'offered', operator: declined.email, group });
          step(30, 30);
          routing.push({ at: at(), kind: 'offer_timed_out', operator: declined.email, group });
        }
        routing.push({ at: at(), kind: 'offered', operator: operator.email, group });
      }
      if (!neverAccepted) {
        step(2, 20);
        acceptedAt = t;
        routing.push({ at: at(), kind: 'accepted', operator: operator.email, group });
        operators = [{ email: operator.email, name: operator.name, joinedAt: at() }];
        system(
          'joined',
          lang === 'cs' ? `${operator.name} se připojil(a) ke konverzaci` : `${operator.name} joined`,
          {
            operator: operator.email,
          },
        );
        if (voice && r.chance(0.85)) {
          system('recording_started', lang === 'cs' ? 'Nahrávání zahájeno' : 'Recording started', {});
        }
        step(3, 30);
        operatorSays(operator, say(greetings[lang].operatorHello));
        const exchanges = isLive ? r.int(1, 3) : r.int(2, 4);
        const fileAt = script.files.length && r.chance(0.3) ? r.int(0, exchanges - 1) : -1;
        let current = operator;
        for (let e = 0; e < exchanges; e++) {
          step(15, 120);
          clientSays(say(script.client));
          if (e === fileAt) {
            const [file, mime, fromClient] = r.pick(script.files);
            step(5, 40);
            const fileActivity = {
              at: at(),
              type: 'file' as const,
              file: { name: fill(file, values), size: r.int(20_000, 4_000_000), mimeType: mime },
            };
            activities.push(
              fromClient
                ? { ...fileActivity, from: 'client' }
                : { ...fileActivity, from: 'operator', operator: current.email },
            );
          }
          step(20, 180);
          operatorSays(current, say(script.operator));
          if (redirected && second && secondGroup && e === 0) {
            step(5, 30);
            routing.push({
              at: at(),
              kind: 'redirected',
              operator: second.email,
              group: secondGroup,
              by: operator.email,
            });
            system(
              'redirected',
              lang === 'cs'
                ? `Konverzace přesměrována na skupinu ${secondGroup} (${second.name})`
                : `Redirected to ${secondGroup} (${second.name})`,
              { group: secondGroup, operator: second.email, by: operator.email },
            );
            operators[0]!.leftAt = at();
            system(
              'left',
              lang === 'cs' ? `${operator.name} opustil(a) konverzaci` : `${operator.name} left`,
              {
                operator: operator.email,
              },
            );
            step(10, 60);
            routing.push({ at: at(), kind: 'accepted', operator: second.email, group: secondGroup });
            operators.push({ email: second.email, name: second.name, joinedAt: at() });
            system(
              'joined',
              lang === 'cs' ? `${second.name} se připojil(a) ke konverzaci` : `${second.name} joined`,
              {
                operator: second.email,
              },
            );
            current = second;
            step(5, 30);
            operatorSays(current, say(greetings[lang].operatorHello).replace(operator.name, second.name));
          }
        }
        if (!isLive || status === 'after_work') {
          step(10, 90);
          clientSays(r.pick(greetings[lang].clientThanks));
          step(5, 30);
          operatorSays(current, r.pick(greetings[lang].operatorBye));
        }
      } else if (endReason === 'client_abandoned' || endReason === 'routing_failed') {
        if (r.chance(0.5)) clientSays(r.pick(greetings[lang].clientWaiting));
      }
    }

    let endedAt: number | undefined;
    if (!isLive && endReason) {
      step(5, 60);
      endedAt = t;
      const last = operators[operators.length - 1];
      if (last) {
        last.leftAt = at();
        system(
          'left',
          lang === 'cs'
            ? `${last.name ?? last.email} opustil(a) konverzaci`
            : `${last.name ?? last.email} left`,
          {
            operator: last.email,
          },
        );
      }
      system('ended', endReasonTexts[endReason]![lang], { reason: endReason });
      routing.push({
        at: at(),
        kind: endReason === 'routing_failed' ? 'routing_failed' : 'ended',
        data: { reason: endReason },
      });
    }
    // A live session is happening now: its timeline is moved so that its last event was moments ago.
    let createdAt = created;
    if (isLive) {
      const last = Math.max(t, ...routing.map((e) => e.at.getTime()));
      const delta = until - r.int(3, 90) * 1000 - last;
      const move = (date: Date) => new Date(date.getTime() + delta);
      createdAt += delta;
      if (acceptedAt !== undefined) acceptedAt += delta;
      for (const a of activities) a.at = move(a.at);
      for (const e of routing) e.at = move(e.at);
      for (const o of operators) {
        if (o.joinedAt) o.joinedAt = move(o.joinedAt);
        if (o.leftAt) o.leftAt = move(o.leftAt);
      }
    }

    const recordings: ImportRecord['recordings'] = [];
    if (voice && acceptedAt !== undefined && activities.some((a) => a.systemCode === 'recording_started')) {
      const duration = Math.max(0, Math.round(((endedAt ?? until) - acceptedAt) / 1000));
      const tracks =
        channel === 'phone'
          ? (['phone_call'] as const)
          : r.chance(0.3)
            ? (['all_participants', 'screen_share'] as const)
            : (['all_participants'] as const);
      for (const track of tracks) {
        recordings.push({
          track,
          startedAt: new Date(acceptedAt),
          durationSeconds: duration,
          sizeBytes: duration * (channel === 'phone' ? 16_000 : 180_000),
          mediaType: channel === 'phone' ? 'audio/ogg' : 'video/webm',
          state: isLive ? 'recording' : r.chance(0.97) ? 'ready' : 'failed',
        });
      }
    }

    const params: Record<string, string> = {
      customerId: `C${String(head.client).padStart(7, '0')}`,
      segment,
    };
    if (topic.key !== 'account' && topic.key !== 'sales') params.orderId = values.order!;
    if (source === 'campaign') params.campaign = r.pick(campaigns);
    if (topic.key === 'invoice') params.invoiceNo = values.invoice!;
    if (r.chance(0.2)) params.loyaltyLevel = r.pick(['bronze', 'silver', 'gold']);

    const tags = [...topic.tags];
    if (segment === 'VIP' && r.chance(0.5)) tags.push('vip');
    if (r.chance(0.05)) tags.push('eskalace');

    const accepted = acceptedAt !== undefined;
    const rated = !isLive && accepted && r.chance(0.35);
    const rating = rated
      ? r.weighted([
          [5, 45],
          [4, 25],
          [3, 12],
          [2, 8],
          [1, 10],
        ] as const)
      : undefined;
    const feedback = rated && r.chance(0.4) ? r.pick(feedbacks[lang]) : undefined;
    const notes =
      !isLive && accepted && r.chance(0.12)
        ? [
            {
              author: operator.email,
              at: new Date(Math.min(until, (endedAt ?? t) + r.int(30, 600) * 1000)),
              text: say(script.notes),
            },
          ]
        : [];
    // About one session in 1,000 ends with a ban: spread evenly, so even a small demo has a few.
    const banned = !isLive && index % 997 === 500;

    const web = channel === 'webchat' || channel === 'av';
    const clientInfo: ImportRecord['client'] = {
      name: client.name,
      language: client.language,
      ...(web ? { visitorId: client.visitorId, ip: client.ip, browser: client.browser, os: client.os } : {}),
      ...(r.chance(0.6) || channel === 'phone' || channel === 'whatsapp' ? { phone: client.phone } : {}),
      ...(web && r.chance(0.5) ? { email: client.email } : {}),
      ...(channel === 'messenger'
        ? { channelUserId: client.psid }
        : channel === 'whatsapp'
          ? { channelUserId: client.phone.slice(1) }
          : channel === 'apple'
            ? { channelUserId: client.appleId }
            : channel === 'vkontakte'
              ? { channelUserId: client.vkId }
              : {}),
    };
    const pageUrl = web
      ? `https://www.eshop-demo.cz${lang === 'en' ? '/en' : ''}${r.pick([
          '/',
          '/kosik',
          `/objednavky/${values.order}`,
          '/kontakt',
          '/reklamace',
          '/doprava-a-platba',
          `/produkt/${asciiName(values.product!).replace(/\./g, '-')}`,
        ])}`
      : undefined;

    const record: ImportRecord = {
      externalId: externalId(index),
      channel,
      source,
      status,
      createdAt: new Date(createdAt),
      ...(acceptedAt !== undefined ? { acceptedAt: new Date(acceptedAt) } : {}),
      ...(endedAt !== undefined ? { endedAt: new Date(endedAt) } : {}),
      ...(endReason ? { endReason } : {}),
      ...(status === 'after_work'
        ? { clientLeft: 'left_session' as const }
        : isLive
          ? { clientLeft: 'still_connected' as const }
          : {}),
      ...(botOnly ? {} : { group }),
      ...(chatbot ? { chatbot } : {}),
      operators,
      client: clientInfo,
      ...(pageUrl ? { pageUrl, widget: source === 'invitation' ? 'eshop-checkout' : 'main' } : {}),
      params,
      tags,
      ...(rating ? { rating } : {}),
      ...(feedback ? { feedback } : {}),
      ...(!isLive && accepted && r.chance(0.6) ? { result: r.pick(script.results) } : {}),
      activities,
      notes,
      recordings,
      routing,
      ...(banned
        ? {
            ban: {
              reason: r.pick(banReasons),
              at: new Date(endedAt ?? created),
              by: operator.email,
              ...(r.chance(0.5) ? { expiresAt: new Date((endedAt ?? created) + 30 * 86_400_000) } : {}),
            },
          }
        : {}),
      ...(restoredFrom ? { restoredFrom } : {}),
    };
    return record;
  }

  return {
    total,
    session,
    *sessions(from = 0, to = total): Generator<ImportRecord> {
      for (let i = from; i < to; i++) yield session(i);
    },
  };
}
