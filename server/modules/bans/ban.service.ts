import type { Database } from '../../db/database';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../platform/keyset-cursor';
import type { Principal } from '../../platform/auth/principal';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors';
import type { Log } from '../../platform/log';
import { banKindsByChannel } from '../../../common/bans';
import type { BanState } from '../../../common/bans';
import type { Channel } from '../../../common/domain';
import { recordAudit } from '../audit/audit.repository';
import type { SessionVisibility } from '../sessions/session-visibility';
import type { SettingsService } from '../settings/settings.service';
import { banIdentities, clientIdentities, InvalidIdentity, type BanIdentity } from './ban-identity';
import { banRepository as repo, type BanFilter, type BanRow } from './ban.repository';

export const BAN_PAGE_DEFAULT = 50;
export const BAN_PAGE_MAX = 200;
/** A ban's expiry may lie at most this far ahead (beyond it: "until lifted"). */
const MAX_EXPIRY_MS = 100 * 365 * 24 * 3600 * 1000;

export interface NewBan {
  channel: Channel;
  identities: BanIdentity[];
  reason: string;
  expiresAt: string | null;
  sessionId?: string | null | undefined;
}

function actor(userId: string | null, userName: string | null, keyId: string | null, keyName: string | null) {
  if (userId) return { kind: 'user' as const, id: userId, name: userName ?? `#${userId}` };
  if (keyId) return { kind: 'api_key' as const, id: keyId, name: keyName ?? `#${keyId}` };
  return null;
}

function present(row: BanRow) {
  const state: BanState = row.lifted_at ? 'lifted' : row.active ? 'active' : 'expired';
  return {
    id: row.id,
    channel: row.channel,
    identities: row.identities,
    reason: row.reason,
    clientName: row.client_name,
    sessionId: row.session_id,
    createdAt: row.created_at,
    createdBy: actor(
      row.created_by,
      row.created_by_name,
      row.created_by_api_key_id,
      row.created_by_api_key_name,
    ),
    expiresAt: row.expires_at,
    active: row.active,
    state,
    liftedAt: row.lifted_at,
    liftedBy: actor(row.lifted_by, row.lifted_by_name, row.lifted_by_api_key_id, row.lifted_by_api_key_name),
    liftReason: row.lift_reason,
    attempts: Number(row.attempts),
    lastAttemptAt: row.last_attempt_at,
  };
}

export type PresentedBan = ReturnType<typeof present>;

/**
 * Bans: made from a session's detail (or by an integration), listed on the Blacklist, lifted. Who may
 * ban: admins and supervisors always, operators where the tenant allows it and only from a session
 * they see. Creating a ban ends the banned client's live sessions through the routing engine
 * (`endBanned`, end reason `banned`); the enforcement itself is `banRepository.matchAndCount`, which
 * the routing engine, the web chat WebSocket and the channels' webhooks call before anything is written.
 */
export function banService(
  db: Database,
  deps: {
    settings: Pick<SettingsService, 'get'>;
    visibility: SessionVisibility;
    endBanned: (tenantId: string, sessionId: string) => Promise<unknown>;
    log: Log;
    now?: () => Date;
  },
) {
  const now = deps.now ?? (() => new Date());

  /** A session of the caller's tenant the caller may see; 404 otherwise (its existence does not leak). */
  async function visibleSession(principal: Principal, sessionId: string) {
    const session = await repo.sessionClient(db, principal.tenantId, sessionId);
    if (!session || !(await deps.visibility.canSee(principal, { operatorIds: session.operator_ids })))
      throw notFound(`Session ${sessionId}`);
    return session;
  }

  async function mayBan(principal: Principal): Promise<void> {
    if (principal.role !== 'operator') return;
    if (!(await deps.settings.get(principal.tenantId)).operatorsMayBan)
      throw forbidden('Operators may not ban clients in this workspace (Settings: operators may ban).');
  }

  async function load(tenantId: string, banId: string) {
    const row = await repo.find(db, tenantId, banId);
    if (!row) throw notFound(`Ban ${banId}`);
    return present(row);
  }

  return {
    async create(principal: Principal, input: NewBan): Promise<PresentedBan> {
      await mayBan(principal);
      if (principal.role === 'operator' && !input.sessionId)
        throw forbidden('Operators ban from a session: give the sessionId.');
      let identities: BanIdentity[];
      try {
        identities = banIdentities(input.channel, input.identities);
      } catch (error) {
        if (error instanceof InvalidIdentity)
          throw new AppError('bans.invalid_identity', error.message, { parameter: 'identities' });
        throw error;
      }
      let expiresAt: Date | null = null;
      if (input.expiresAt !== null) {
        expiresAt = new Date(input.expiresAt);
        const ahead = expiresAt.getTime() - now().getTime();
        if (Number.isNaN(ahead) || ahead <= 0 || ahead > MAX_EXPIRY_MS)
          throw invalid('expiresAt: must lie in the future and within 100 years; null bans until lifted.', {
            parameter: 'expiresAt',
          });
      }
      const session = input.sessionId ? await visibleSession(principal, input.sessionId) : undefined;
      if (session && session.channel !== input.channel)
        throw invalid(`channel: the session is on ${session.channel}.`, { parameter: 'channel' });
      const banId = await db.transaction().execute(async (trx) => {
        const id = await repo.insert(trx, {
          tenantId: principal.tenantId,
          channel: input.channel,
          identities,
          reason: input.reason,
          expiresAt,
          sessionId: session?.id ?? null,
          clientName: session?.client_name?.slice(0, 200) ?? null,
          createdBy: principal.userId,
          createdByApiKeyId: principal.via === 'api_key' ? principal.apiKeyId : null,
        });
        if (session) await repo.markSessionBanned(trx, principal.tenantId, session.id);
        await recordAudit(trx, principal, {
          action: 'ban.created',
          objectType: 'ban',
          objectId: id,
          data: {
            channel: input.channel,
            identities,
            reason: input.reason,
            expiresAt: expiresAt?.toISOString() ?? null,
            sessionId: session?.id ?? null,
          },
        });
        return id;
      });
      // After the commit: the banned client's live sessions end through the engine's own steps.
      for (const sessionId of await repo.liveSessionsOf(db, principal.tenantId, banId)) {
        await deps.endBanned(principal.tenantId, sessionId).catch((error: unknown) => {
          deps.log.warn({ err: error, sessionId }, 'ending a banned client’s session failed');
        });
      }
      return load(principal.tenantId, banId);
    },

    async get(principal: Principal, banId: string): Promise<PresentedBan> {
      return load(principal.tenantId, banId);
    },

    async list(principal: Principal, filter: BanFilter, options: { cursor?: string; limit?: number }) {
      const limit = Math.min(options.limit ?? BAN_PAGE_DEFAULT, BAN_PAGE_MAX);
      const after = options.cursor ? decodeTimeIdCursor(options.cursor) : null;
      const rows = await repo.page(db, principal.tenantId, filter, after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(present),
        nextCursor:
          rows.length > limit && last ? encodeTimeIdCursor({ at: last.created_key, id: last.id }) : null,
      };
    },

    /** Lifts a ban: it stops applying at once on every instance (nothing caches bans). */
    async lift(principal: Principal, banId: string, reason: string): Promise<PresentedBan> {
      await db.transaction().execute(async (trx) => {
        const row = await repo.find(trx, principal.tenantId, banId);
        if (!row) throw notFound(`Ban ${banId}`);
        const lifted = await repo.lift(trx, principal.tenantId, banId, {
          userId: principal.userId,
          apiKeyId: principal.via === 'api_key' ? principal.apiKeyId : null,
          reason,
        });
        if (!lifted) throw new AppError('bans.already_lifted', `Ban ${banId} was already lifted.`);
        await recordAudit(trx, principal, {
          action: 'ban.lifted',
          objectType: 'ban',
          objectId: banId,
          data: { reason, channel: row.channel, identities: row.identities },
        });
      });
      return load(principal.tenantId, banId);
    },

    /**
     * What the Ban dialog offers for a session: its channel, the client's identities there, whether
     * the caller may ban, and the bans made from it that apply now.
     */
    async sessionClient(principal: Principal, sessionId: string) {
      const session = await visibleSession(principal, sessionId);
      const identities = clientIdentities(session.channel, {
        visitorId: session.visitor_id,
        ip: session.client_ip,
        email: session.client_email,
        phone: session.client_phone,
        platformClientId: session.platform_client_id,
      });
      const mayBanHere =
        principal.role !== 'operator' || (await deps.settings.get(principal.tenantId)).operatorsMayBan;
      return {
        sessionId: session.id,
        channel: session.channel,
        clientName: session.client_name,
        identities,
        kinds: [...banKindsByChannel[session.channel]],
        mayBan: mayBanHere,
        activeBanIds: await repo.activeFromSession(db, principal.tenantId, session.id),
      };
    },
  };
}

export type BanService = ReturnType<typeof banService>;
