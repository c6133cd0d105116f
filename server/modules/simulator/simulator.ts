import WebSocket from 'ws';
import type { SimulatedOperator } from './simulator-setup';

/**
 * Simulated traffic through the public APIs only: web chat clients (client API + WebSocket) and
 * operators (operator API + WebSocket), exactly as a widget and an operator console would call them.
 * It is the demo's background life and the live benchmark's load generator.
 */
export interface SimulationOptions {
  baseUrl: string;
  widgetKey: string;
  operators: SimulatedOperator[];
  /** New client sessions per second. */
  ratePerSecond: number;
  /** Stop starting sessions after this long (sessions in flight finish); unset: until stop(). */
  durationSeconds?: number | undefined;
  /** Clients who arrive in the first seconds, so a fresh demo's Live view is not empty for minutes. */
  warmupSessions?: number;
  /** How long people take; defaults are human-paced. */
  pace?: Partial<Pace>;
  log?: (line: string) => void;
}

export interface Pace {
  acceptDelayMs: [number, number];
  declineShare: number;
  replyDelayMs: [number, number];
  clientMessages: [number, number];
  clientPauseMs: [number, number];
  abandonAfterMs: number;
  clientLeavesShare: number;
  /** Share of ended sessions after which the operator takes a break, and how long it lasts. */
  breakShare: number;
  breakMs: [number, number];
}

const DEFAULT_PACE: Pace = {
  acceptDelayMs: [1_000, 6_000],
  declineShare: 0.1,
  replyDelayMs: [1_500, 5_000],
  clientMessages: [1, 4],
  clientPauseMs: [3_000, 12_000],
  abandonAfterMs: 90_000,
  clientLeavesShare: 0.4,
  breakShare: 0.08,
  breakMs: [60_000, 180_000],
};

export interface SimulationStats {
  started: number;
  refused: number;
  accepted: number;
  declined: number;
  clientMessages: number;
  operatorMessages: number;
  ended: number;
  breaks: number;
  errors: number;
}

const CLIENT_NAMES = [
  'Jan Novák',
  'Petra Svobodová',
  'Tomáš Dvořák',
  'Lucie Černá',
  'Martin Procházka',
  'Emma Wilson',
  'James Brown',
  'Kateřina Veselá',
];
const PAGES = [
  'https://shop.example.cz/kosik',
  'https://shop.example.cz/objednavky',
  'https://shop.example.cz/objednavky',
  'https://shop.example.cz/reklamace',
  'https://shop.example.cz/reklamace',
  'https://shop.example.cz/produkt/pracka-aq-7',
  'https://shop.example.cz/doprava',
  // The demo's chatbot answers the FAQ pages.
  'https://shop.example.cz/faq/doprava',
];
/** What operators record as the outcome when they end a session (the tenant's own result names). */
const RESULTS = [
  'vyřešeno',
  'vyřešeno',
  'vyřešeno',
  'reklamace založena',
  'předáno skladu',
  'faktura odeslána',
];
const QUESTIONS = [
  'Dobrý den, kdy mi dorazí objednávka?',
  'Chtěla bych reklamovat zboží, které přišlo poškozené.',
  'Můžete mi poslat fakturu znovu? Nemohu ji najít.',
  'Jak dlouho trvá doprava na Slovensko?',
  'Hello, I need to change the delivery address of my order.',
  'Mám dotaz k vrácení zboží do 14 dnů.',
  'Is the item in stock in Brno?',
  'Platba kartou neprošla, co mám dělat?',
];
const FOLLOW_UPS = [
  'Děkuji.',
  'A kdy přesně?',
  'Číslo objednávky je 2024-1187.',
  'Thanks, that helps.',
  'Rozumím, díky moc.',
  'Ještě jedna věc…',
];
const REPLIES = [
  'Dobrý den, hned se na to podívám.',
  'Vaše objednávka je na cestě, doručení očekáváme zítra.',
  'Fakturu jsem vám právě poslal e-mailem.',
  'Reklamaci jsem založila, ozveme se do tří dnů.',
  'Sure, I have updated the address for you.',
  'Je ještě něco, s čím mohu pomoci?',
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

export function startSimulation(options: SimulationOptions) {
  const pace: Pace = { ...DEFAULT_PACE, ...options.pace };
  const log = options.log ?? (() => {});
  const stats: SimulationStats = {
    started: 0,
    refused: 0,
    accepted: 0,
    declined: 0,
    clientMessages: 0,
    operatorMessages: 0,
    ended: 0,
    breaks: 0,
    errors: 0,
  };
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<WebSocket>();
  let stopping = false;

  const later = (ms: number, work: () => Promise<unknown>) => {
    if (stopping) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopping) void work().catch(() => (stats.errors += 1));
    }, ms);
    timers.add(timer);
  };

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${options.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const wsUrl = (path: string) => `${options.baseUrl.replace(/^http/, 'ws')}${path}`;

  // --- operators ---
  const operatorSessions = new Map<string, Set<string>>();
  async function runOperator(operator: SimulatedOperator): Promise<void> {
    const auth = { authorization: `Bearer ${operator.apiKey}` };
    const mine = new Set<string>();
    operatorSessions.set(operator.id, mine);
    await call('PUT', '/api/v1/live/operator/state', auth, { state: 'online' });
    const socket = new WebSocket(wsUrl('/api/v1/live/operator/ws'), { headers: auth });
    sockets.add(socket);
    socket.on('error', () => (stats.errors += 1));
    const consider = (sessionId: string) =>
      later(between(pace.acceptDelayMs), async () => {
        const decline = Math.random() < pace.declineShare;
        const result = await call(
          'POST',
          `/api/v1/live/operator/sessions/${sessionId}/${decline ? 'decline' : 'accept'}`,
          auth,
        );
        if (decline && result.status === 204) stats.declined += 1;
        if (!decline && result.status === 200) {
          stats.accepted += 1;
          mine.add(sessionId);
          later(between(pace.replyDelayMs), () => say(sessionId));
        }
      });
    let onBreak = false;
    // A break: no new offers meanwhile (pending ones are handed on), back online afterwards.
    const takeBreak = () => {
      if (onBreak) return;
      onBreak = true;
      stats.breaks += 1;
      void call('PUT', '/api/v1/live/operator/state', auth, { state: 'break' });
      later(between(pace.breakMs), async () => {
        onBreak = false;
        await call('PUT', '/api/v1/live/operator/state', auth, { state: 'online' });
      });
    };
    const say = async (sessionId: string) => {
      if (!mine.has(sessionId)) return;
      const result = await call('POST', `/api/v1/live/operator/sessions/${sessionId}/messages`, auth, {
        text: pick(REPLIES),
      });
      if (result.status === 201) stats.operatorMessages += 1;
    };
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        sessionId?: string;
        offers?: { sessionId: string }[];
        offer?: { sessionId: string };
        activity?: { sender: string };
      };
      switch (message.type) {
        case 'hello':
          for (const offer of message.offers ?? []) consider(offer.sessionId);
          break;
        case 'offer':
          if (message.offer) consider(message.offer.sessionId);
          break;
        case 'message':
          if (message.sessionId && message.activity?.sender === 'client') {
            const sessionId = message.sessionId;
            later(between(pace.replyDelayMs), () => say(sessionId));
          }
          break;
        case 'session.ended':
        case 'session.left':
          if (message.sessionId) mine.delete(message.sessionId);
          if (message.type === 'session.ended' && Math.random() < pace.breakShare) takeBreak();
          break;
        default:
          break;
      }
    });
  }

  // --- clients ---
  async function runClient(): Promise<void> {
    const language = Math.random() < 0.8 ? 'cs' : 'en';
    const started = await call(
      'POST',
      '/api/v1/live/client/sessions',
      { 'x-widget-key': options.widgetKey },
      {
        visitorId: `sim-${Math.random().toString(36).slice(2, 12)}`,
        name: pick(CLIENT_NAMES),
        pageUrl: pick(PAGES),
        language,
        params: {
          simulated: 'true',
          basket: String(Math.floor(Math.random() * 5000)),
          ...(language === 'en' ? { language: 'en' } : {}),
        },
      },
    );
    if (started.status !== 201) {
      stats.refused += 1;
      return;
    }
    const sessionId = String(started.body.sessionId);
    const token = String(started.body.clientToken);
    if (started.body.status === 'closed') {
      stats.ended += 1;
      return;
    }
    stats.started += 1;
    const headers = { 'x-widget-key': options.widgetKey, 'x-client-token': token };
    let budget = Math.round(between(pace.clientMessages));
    let heardOperator = false;
    let ended = false;
    const write = async (text: string) => {
      if (ended) return;
      const result = await call('POST', `/api/v1/live/client/sessions/${sessionId}/messages`, headers, {
        text,
      });
      if (result.status === 201) stats.clientMessages += 1;
    };
    const leave = async () => {
      if (ended) return;
      await call('POST', `/api/v1/live/client/sessions/${sessionId}/leave`, headers);
    };
    const socket = new WebSocket(
      wsUrl(
        `/api/v1/live/client/sessions/${sessionId}/ws?${new URLSearchParams({ key: options.widgetKey, token }).toString()}`,
      ),
    );
    sockets.add(socket);
    socket.on('error', () => (stats.errors += 1));
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        status?: string;
        activity?: { sender: string };
      };
      if (message.type === 'ended') {
        ended = true;
        stats.ended += 1;
        socket.close();
      }
      if (message.type === 'message' && message.activity?.sender === 'operator') {
        heardOperator = true;
        if (budget > 0) {
          budget -= 1;
          later(between(pace.clientPauseMs), () => write(pick(FOLLOW_UPS)));
        } else if (Math.random() < pace.clientLeavesShare) {
          later(between(pace.clientPauseMs), leave);
        } else {
          // The operator closes the conversation after the last answer.
          later(between(pace.clientPauseMs), async () => {
            const operator = [...operatorSessions.entries()].find(([, sessions]) => sessions.has(sessionId));
            const simulated = options.operators.find((candidate) => candidate.id === operator?.[0]);
            if (!simulated) return leave();
            await call(
              'POST',
              `/api/v1/live/operator/sessions/${sessionId}/end`,
              { authorization: `Bearer ${simulated.apiKey}` },
              { result: pick(RESULTS) },
            );
          });
        }
      }
    });
    later(500, () => write(pick(QUESTIONS)));
    // Nobody answered (still queued, or a chatbot that never hands over): the client gives up.
    later(pace.abandonAfterMs, async () => {
      if (!heardOperator) await leave();
    });
  }

  const startedAt = Date.now();
  for (const operator of options.operators) {
    void runOperator(operator).catch((error: unknown) => {
      stats.errors += 1;
      log(`simulated operator ${operator.name} failed: ${String(error)}`);
    });
  }
  for (let index = 0; index < (options.warmupSessions ?? 0); index += 1) {
    later(Math.random() * 5_000, runClient);
  }
  const interval = 1_000 / options.ratePerSecond;
  const ticker = setInterval(() => {
    if (options.durationSeconds !== undefined && Date.now() - startedAt > options.durationSeconds * 1000) {
      clearInterval(ticker);
      return;
    }
    void runClient().catch(() => (stats.errors += 1));
  }, interval);
  ticker.unref?.();

  return {
    stats,
    async stop(): Promise<void> {
      stopping = true;
      clearInterval(ticker);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.terminate();
      sockets.clear();
      await Promise.all(
        options.operators.map((operator) =>
          call(
            'PUT',
            '/api/v1/live/operator/state',
            { authorization: `Bearer ${operator.apiKey}` },
            { state: 'offline' },
          ).catch(() => undefined),
        ),
      );
    },
  };
}

export type Simulation = ReturnType<typeof startSimulation>;
