import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.generated';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { hashToken, newSecret, tokensEqual } from '../../platform/auth/secrets';
import { AppError, notFound } from '../../platform/errors';
import type { UserState } from '../../../common/domain';
import { routingRepository } from '../routing/routing.repository';
import type { RoutingService } from '../routing/routing.service';
import type { SessionVisibility } from '../sessions/session-visibility';
import { liveRepository } from './live.repository';
import { clientIdentities } from '../bans/ban-identity';
import { banRepository } from '../bans/ban.repository';
import type { EventBus } from '../../platform/events/event-bus';

/** At most one typing event per party and session in this window; the widget and workspace send
 * no more often either, and show "typing…" for TYPING_SHOWN_SECONDS after the last one. */
export const TYPING_EVENT_EVERY_MS = 2_000;
export const TYPING_SHOWN_SECONDS = 5;

/** A web chat client, proven by the widget's public key and the session's client token. */
export interface LiveClient {
  tenantId: string;
  widgetId: string;
  sessionId: string;
}

export interface StartChatInput {
  visitorId?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  language?: string | undefined;
  browser?: string | undefined;
  os?: string | undefined;
  pageUrl?: string | undefined;
  params?: Record<string, string> | undefined;
}

/** With a file upload: links the stored bytes to the new line, in its transaction. */
export interface MessageOptions {
  inTransaction?: (trx: Transaction<DB>, activityId: string) => Promise<void>;
}

export interface MessageInput {
  text?: string | undefined;
  file?: { name: string; size?: number | undefined; mimeType?: string | undefined } | undefined;
}

const invalidKey = () =>
  new AppError('live.invalid_widget_key', 'The widget key is missing, malformed or unknown.');
const invalidToken = () =>
  new AppError('live.invalid_client_token', 'The client token does not belong to this session.');

/**
 * What the parties of a live session do: the web chat client (authenticated by the widget key and its
 * session's token) and the operator (a user login or a key acting for a user). The engine rules live
 * in the routing service; this checks who may do what and shapes the answers.
 */
export function liveService(
  db: Database,
  deps: {
    routing: RoutingService;
    visibility: SessionVisibility;
    events: Pick<EventBus, 'publish'>;
    now?: () => number;
  },
) {
  const repo = liveRepository(db);
  const now = deps.now ?? Date.now;
  /** When each party of a session last had a typing event published (this instance). */
  const lastTyping = new Map<string, number>();

  /** Publishes a typing event unless one for the same party went out within the window. */
  async function typing(event: {
    tenantId: string;
    sessionId: string;
    party: 'client' | 'operator';
    userId?: string;
  }) {
    const key = `${event.tenantId}:${event.sessionId}:${event.party}:${event.userId ?? ''}`;
    const at = now();
    const last = lastTyping.get(key);
    if (last !== undefined && at - last < TYPING_EVENT_EVERY_MS) return;
    lastTyping.set(key, at);
    if (lastTyping.size > 10_000) {
      for (const [seen, when] of lastTyping) if (at - when >= TYPING_EVENT_EVERY_MS) lastTyping.delete(seen);
    }
    await deps.events.publish([{ ...event, kind: 'session.typing' }]);
  }

  const sessionEnded = () => new AppError('live.session_ended', 'The session has ended.');

  /**
   * The widget of a key. A browser's request (it sends Origin) must come from one of the widget's
   * allowed origins when it has any; a server's request (no Origin) is not a page embedding the widget.
   */
  async function widget(publicKey: string | undefined, origin?: string) {
    if (!publicKey || publicKey.length > 200) throw invalidKey();
    const found = await repo.widgetByKey(publicKey);
    if (!found) throw invalidKey();
    if (origin && found.allowed_origins.length > 0 && !found.allowed_origins.includes(origin.toLowerCase())) {
      throw new AppError('live.origin_not_allowed', 'This widget may not be used on this web site.');
    }
    return found;
  }

  /** The user an operator call acts for; an API key that acts for nobody cannot take sessions. */
  function operatorId(principal: Principal): string {
    if (!principal.userId) {
      throw new AppError('live.no_user', 'This API key acts for no user; operator actions need a user.');
    }
    return principal.userId;
  }

  function message(input: MessageInput) {
    const text = input.text?.trim() ? input.text : null;
    const file = input.file
      ? { name: input.file.name, size: input.file.size ?? null, mimeType: input.file.mimeType ?? null }
      : null;
    if (!text && !file) throw new AppError('validation_failed', 'Send a text, a file, or both.');
    return { text, file };
  }

  return {
    /**
     * Whether a browser page at `origin` may use the widget of `publicKey` (CORS): `unknown` when the
     * key names no widget (the route answers 401 itself).
     */
    async originVerdict(
      publicKey: string | undefined,
      origin: string,
    ): Promise<'allowed' | 'refused' | 'unknown'> {
      if (!publicKey || publicKey.length > 200) return 'unknown';
      const found = await repo.widgetByKey(publicKey);
      if (!found) return 'unknown';
      return found.allowed_origins.length === 0 || found.allowed_origins.includes(origin.toLowerCase())
        ? 'allowed'
        : 'refused';
    },

    /** A client opens a chat: a new session, routed at once. The token is shown only here. */
    async startChat(
      widgetKey: string | undefined,
      input: StartChatInput,
      ip: string | null,
      origin?: string,
    ) {
      const found = await widget(widgetKey, origin);
      const secret = newSecret();
      const session = await deps.routing.startSession({
        tenantId: found.tenant_id,
        widgetId: found.id,
        channel: 'webchat',
        source: 'widget',
        pageUrl: input.pageUrl ?? null,
        params: input.params ?? {},
        client: {
          name: input.name ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          ip,
          language: input.language ?? null,
          browser: input.browser ?? null,
          os: input.os ?? null,
          visitorId: input.visitorId ?? null,
        },
        clientTokenHash: hashToken(secret),
      });
      return { session, clientToken: secret };
    },

    /** Proves a client call: the widget key names the tenant, the token the session. */
    async authenticateClient(
      widgetKey: string | undefined,
      sessionId: string,
      token: string | undefined,
      origin?: string,
    ): Promise<LiveClient> {
      const found = await widget(widgetKey, origin);
      if (!token || token.length > 200) throw invalidToken();
      const stored = await routingRepository.clientTokenHash(db, found.tenant_id, sessionId);
      if (!stored || !tokensEqual(stored, hashToken(token))) throw invalidToken();
      return { tenantId: found.tenant_id, widgetId: found.id, sessionId };
    },

    /**
     * The web chat WebSocket's door: a client banned since its session started is refused before the
     * socket opens (403 `live.banned`), the attempt counted on the ban.
     */
    async refuseBanned(client: LiveClient): Promise<void> {
      const session = await banRepository.sessionClient(db, client.tenantId, client.sessionId);
      if (!session) throw invalidToken();
      const identities = clientIdentities(session.channel, {
        visitorId: session.visitor_id,
        ip: session.client_ip,
        email: session.client_email,
        phone: session.client_phone,
      });
      if (await banRepository.matchAndCount(db, client.tenantId, session.channel, identities)) {
        throw new AppError('live.banned', 'This client is blocked on this channel.');
      }
    },

    async clientView(client: LiveClient) {
      const session = await repo.snapshot(client.tenantId, client.sessionId);
      if (!session) throw notFound(`Session ${client.sessionId}`);
      const transcript = await repo.transcript(client.tenantId, client.sessionId, 1000);
      return { session, transcript };
    },

    async clientMessage(client: LiveClient, input: MessageInput, options: MessageOptions = {}) {
      const { text, file } = message(input);
      return deps.routing.addMessage(
        client.tenantId,
        client.sessionId,
        { sender: 'client', userId: null, text, file },
        options,
      );
    },

    /** The client is typing: the session's operators hear it (throttled); nothing is stored. */
    async clientTyping(client: LiveClient): Promise<void> {
      const session = await routingRepository.findSession(db, client.tenantId, client.sessionId);
      if (!session) throw invalidToken();
      if (session.status === 'closed') throw sessionEnded();
      await typing({ tenantId: client.tenantId, sessionId: client.sessionId, party: 'client' });
    },

    /** An operator in the session is typing: the client hears it (throttled); nothing is stored. */
    async operatorTyping(principal: Principal, sessionId: string): Promise<void> {
      const userId = operatorId(principal);
      const session = await visibleSession(principal, sessionId);
      if (session.status === 'closed') throw sessionEnded();
      if (!session.operator_ids.includes(userId)) {
        throw new AppError('live.not_participant', 'Only an operator in the session can type in it.');
      }
      await typing({ tenantId: principal.tenantId, sessionId, party: 'operator', userId });
    },

    async clientLeave(client: LiveClient) {
      return deps.routing.endByClient(client.tenantId, client.sessionId);
    },

    operatorId,

    async operatorOverview(principal: Principal) {
      const userId = operatorId(principal);
      const user = await repo.operator(principal.tenantId, userId);
      if (!user) throw notFound(`User ${userId}`);
      const [offers, sessions] = await Promise.all([
        repo.offersOf(principal.tenantId, userId),
        repo.sessionsOf(principal.tenantId, userId),
      ]);
      return { user, offers, sessions };
    },

    async setState(principal: Principal, state: UserState) {
      return deps.routing.setOperatorState(principal.tenantId, operatorId(principal), state);
    },

    async accept(principal: Principal, sessionId: string) {
      return deps.routing.accept(principal.tenantId, operatorId(principal), sessionId);
    },

    async decline(principal: Principal, sessionId: string) {
      await deps.routing.decline(principal.tenantId, operatorId(principal), sessionId);
    },

    async operatorMessage(
      principal: Principal,
      sessionId: string,
      input: MessageInput,
      options: MessageOptions = {},
    ) {
      const userId = operatorId(principal);
      await visibleSession(principal, sessionId);
      const { text, file } = message(input);
      return deps.routing.addMessage(
        principal.tenantId,
        sessionId,
        { sender: 'operator', userId, text, file },
        options,
      );
    },

    async operatorEnd(principal: Principal, sessionId: string, result?: string) {
      const userId = operatorId(principal);
      await visibleSession(principal, sessionId);
      return deps.routing.endByOperator(principal.tenantId, userId, sessionId, result);
    },

    /** The transcript of a session the operator is in or was offered (read while deciding). */
    async operatorTranscript(principal: Principal, sessionId: string) {
      await visibleSession(principal, sessionId);
      return repo.transcript(principal.tenantId, sessionId, 1000);
    },
  };

  async function visibleSession(principal: Principal, sessionId: string) {
    const session = await routingRepository.findSession(db, principal.tenantId, sessionId);
    const mayOperate =
      session !== undefined &&
      (await deps.visibility.canOperate(principal, { operatorIds: session.operator_ids }, (userId) =>
        routingRepository.wasOfferedTo(db, principal.tenantId, sessionId, userId),
      ));
    if (!mayOperate) throw notFound(`Session ${sessionId}`);
    return session;
  }
}

export type LiveService = ReturnType<typeof liveService>;
