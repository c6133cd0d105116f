import { createHash } from 'node:crypto';
import { withConnection } from '../../db/connection';
import type { CopyValue } from '../../db/copy';
import type { Database } from '../../db/database';
import type { BanIdentityKind, Channel, IdentityKind } from '../../../common/domain';
import { normaliseIdentity, type BanIdentity } from '../bans/ban-identity';
import {
  BAN_COLUMNS,
  SESSION_COLUMNS,
  batchRepository,
  importRepository,
  type BatchRepository,
} from './import.repository';
import type { ImportError, ImportRecord } from './import.schemas';

/**
 * The one bulk write path: import, the demo and the seed generator all hand it batches of validated
 * import records. A batch is one transaction on one connection: rows are streamed with COPY, one per
 * table, and each session's search document is built in its own INSERT from the transcript text the
 * batch already holds (so a row is written once). A batch that fails as a whole is retried record by
 * record, so one unstorable record is rejected alone and the rest kept.
 */

export interface PendingRecord {
  /** Line number in the file (or the generated sequence number). */
  line: number;
  record: ImportRecord;
  hash: Buffer;
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  activities: number;
  rejected: ImportError[];
}

/** The hash that tells an identical re-import ("unchanged") from a changed one: of the record… */
export function recordHash(record: ImportRecord): Buffer {
  return createHash('sha256').update(JSON.stringify(record)).digest();
}

/** …or, for a file, of the line as it stands (the same line is the same record). */
export function lineHash(line: string): Buffer {
  return createHash('sha256').update(line).digest();
}

const channelIdentityKind: Record<Channel, IdentityKind | null> = {
  webchat: null,
  av: null,
  phone: null,
  messenger: 'psid',
  whatsapp: 'wa_id',
  apple: 'apple_id',
  vkontakte: 'vk_id',
};

/** What identifies the client of a record on its channel, most specific first. */
function identitiesOf(record: ImportRecord): { kind: IdentityKind; value: string }[] {
  const client = record.client;
  const found: { kind: IdentityKind; value: string }[] = [];
  const channelKind = channelIdentityKind[record.channel];
  if (channelKind && client.channelUserId) found.push({ kind: channelKind, value: client.channelUserId });
  if (client.visitorId) found.push({ kind: 'visitor_id', value: client.visitorId });
  if (client.phone) found.push({ kind: 'phone', value: client.phone });
  if (client.email) found.push({ kind: 'email', value: client.email.toLowerCase() });
  return found;
}

/** A contact identity as a ban names it (the API's kind, normalised); none when it is not valid. */
function importedBanIdentity(
  identity: { kind: IdentityKind | 'ip'; value: string } | undefined,
): BanIdentity | undefined {
  if (!identity) return undefined;
  const kind =
    (
      { visitor_id: 'visitorId', wa_id: 'waId', apple_id: 'appleId', vk_id: 'vkId' } as Record<
        string,
        BanIdentityKind
      >
    )[identity.kind] ?? (identity.kind as BanIdentityKind);
  try {
    return { kind, value: normaliseIdentity(kind, identity.value) };
  } catch {
    return undefined;
  }
}

/** A PostgreSQL array literal (COPY reads array columns in their text form). */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const seconds = (from: Date, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * The searchable text of a transcript as `refresh_search_documents` assembles it in SQL: each activity's
 * text and file name (`activity_search_text`), one per line, in transcript order (time, then the order
 * written). The document is built from it by `search_document_of` in the session's INSERT.
 */
export function transcriptSearchText(activities: ImportRecord['activities']): string | null {
  if (!activities.length) return null;
  const ordered = [...activities].sort((a, b) => a.at.getTime() - b.at.getTime());
  return ordered.map((a) => [a.text, a.file?.name].filter((part) => part != null).join(' ')).join('\n');
}

/** Accumulates the rows of one table, in the order of its column names. */
function table(...columns: string[]) {
  const rows: CopyValue[][] = [];
  return {
    columns,
    rows,
    add(...row: CopyValue[]): void {
      rows.push(row);
    },
  };
}

export function sessionWriter(db: Database, tenantId: string) {
  const repo = importRepository(db);
  // The tenant's directory, filled as names appear; lives as long as one import run.
  const users = new Map<string, string>();
  const groups = new Map<string, string>();
  const chatbots = new Map<string, string>();
  const widgets = new Map<string, string>();

  async function resolveDirectory(records: readonly ImportRecord[]): Promise<void> {
    const wantedUsers = new Map<string, string>();
    const wantUser = (email: string | undefined, name?: string) => {
      if (!email || users.has(email)) return;
      if (name || !wantedUsers.has(email)) wantedUsers.set(email, name ?? email.split('@')[0] ?? email);
    };
    const wantedGroups = new Set<string>();
    const wantedBots = new Set<string>();
    const wantedWidgets = new Set<string>();
    const want = (set: Set<string>, map: Map<string, string>, value: string | undefined) => {
      if (value && !map.has(value)) set.add(value);
    };
    for (const record of records) {
      for (const operator of record.operators) wantUser(operator.email, operator.name);
      for (const activity of record.activities) {
        wantUser(activity.operator);
        want(wantedBots, chatbots, activity.chatbot);
      }
      for (const note of record.notes) wantUser(note.author);
      for (const event of record.routing) {
        wantUser(event.operator);
        wantUser(event.by);
        want(wantedGroups, groups, event.group);
        want(wantedBots, chatbots, event.chatbot);
      }
      wantUser(record.ban?.by);
      want(wantedGroups, groups, record.group);
      want(wantedBots, chatbots, record.chatbot);
      want(wantedWidgets, widgets, record.widget);
    }
    if (wantedUsers.size) {
      const found = await repo.ensureUsers(
        tenantId,
        [...wantedUsers].map(([email, name]) => ({ email, name })),
      );
      for (const user of found) users.set(user.email, user.id);
    }
    const named = [
      ['operator_groups', wantedGroups, groups],
      ['chatbots', wantedBots, chatbots],
      ['widgets', wantedWidgets, widgets],
    ] as const;
    for (const [table, wanted, map] of named) {
      if (!wanted.size) continue;
      for (const row of await repo.ensureNamed(tenantId, table, [...wanted])) map.set(row.name, row.id);
    }
  }

  async function resolveContacts(trx: BatchRepository, records: readonly ImportRecord[]) {
    const keyOf = (channel: string, kind: string, value: string) => `${channel}\u0000${kind}\u0000${value}`;
    const perRecord = records.map((record) => identitiesOf(record));
    const lookup = { channel: [] as string[], kind: [] as string[], value: [] as string[] };
    perRecord.forEach((identities, i) => {
      for (const identity of identities) {
        lookup.channel.push(records[i]!.channel);
        lookup.kind.push(identity.kind);
        lookup.value.push(identity.value);
      }
    });
    const contactByKey = new Map<string, string>();
    if (lookup.value.length) {
      for (const row of await trx.findContactIdentities(tenantId, lookup))
        contactByKey.set(keyOf(row.channel, row.kind, row.value), row.contact_id);
    }
    // Records whose client is not known yet get a new contact (one per client within the batch).
    const pending = new Map<string, number>();
    const newContacts: ImportRecord[] = [];
    const assignment: (string | number | null)[] = perRecord.map((identities, i) => {
      if (!identities.length) return null;
      const keys = identities.map((id) => keyOf(records[i]!.channel, id.kind, id.value));
      for (const key of keys) {
        const known = contactByKey.get(key);
        if (known) return known;
      }
      for (const key of keys) {
        const index = pending.get(key);
        if (index !== undefined) {
          for (const other of keys) pending.set(other, index);
          return index;
        }
      }
      newContacts.push(records[i]!);
      for (const key of keys) pending.set(key, newContacts.length - 1);
      return newContacts.length - 1;
    });
    const ids = await trx.reserveIds('contacts', newContacts.length);
    const contacts = table('id', 'name', 'language', 'created_at');
    newContacts.forEach((record, i) =>
      contacts.add(ids[i], record.client.name, record.client.language, record.createdAt),
    );
    await trx.copy(tenantId, 'contacts', contacts);
    const contactIds = assignment.map((a) => (typeof a === 'number' ? ids[a]! : a));

    // Identities not found above are new: contacts are matched under the tenant's lock, so they are
    // appended (a duplicate written meanwhile by a live session fails this batch, which is then retried
    // record by record and finds it).
    const identities = table('contact_id', 'channel', 'kind', 'value');
    perRecord.forEach((found, i) => {
      const contactId = contactIds[i];
      for (const identity of found) {
        const key = keyOf(records[i]!.channel, identity.kind, identity.value);
        if (contactByKey.has(key)) continue;
        contactByKey.set(key, contactId!);
        identities.add(contactId, records[i]!.channel, identity.kind, identity.value);
      }
    });
    await trx.copy(tenantId, 'contact_identities', identities);
    return contactIds;
  }

  /**
   * Clients are matched to contacts one batch at a time, in a short transaction of their own that holds
   * the tenant's contacts lock: batches written side by side, by this import or another one, must not
   * each create a contact for the same new client. (A batch that fails afterwards may leave a new
   * contact without sessions; it is found again by its identities.)
   */
  let contactsQueue: Promise<unknown> = Promise.resolve();
  function contactsOf(records: readonly ImportRecord[]): Promise<(string | null)[]> {
    const run = contactsQueue.then(() =>
      withConnection(db, (connection) =>
        connection.db.transaction().execute(async () => {
          const trx = batchRepository(connection.client, connection.db);
          await trx.relaxCommit();
          await trx.lockContacts(tenantId);
          return resolveContacts(trx, records);
        }),
      ),
    );
    contactsQueue = run.catch(() => {});
    return run;
  }

  async function writeAll(
    trx: BatchRepository,
    items: readonly { pending: PendingRecord; existingId: string | null }[],
    contactIds: readonly (string | null)[],
  ): Promise<number> {
    await trx.relaxCommit();
    const newIds = await trx.reserveIds('sessions', items.filter((item) => !item.existingId).length);
    let next = 0;
    const sessionIds = items.map((item) => item.existingId ?? newIds[next++]!);

    const sessions = table(...SESSION_COLUMNS.map(([name]) => name), 'search_text', 'existing');
    const participants = table('session_id', 'kind', 'user_id', 'chatbot_id', 'joined_at', 'left_at');
    const activities = table(
      'session_id',
      'at',
      'sender',
      'user_id',
      'chatbot_id',
      'type',
      'text',
      'file_name',
      'file_size',
      'file_mime_type',
      'system_code',
      'system_data',
    );
    const notes = table('session_id', 'author_id', 'text', 'created_at', 'imported');
    const recordings = table(
      'session_id',
      'track',
      'started_at',
      'duration_seconds',
      'size_bytes',
      'media_type',
      'state',
    );
    const routing = table(
      'session_id',
      'at',
      'kind',
      'actor_user_id',
      'user_id',
      'group_id',
      'chatbot_id',
      'data',
    );
    const bans = table(...BAN_COLUMNS.map(([name]) => name));
    const hashes = table('session_id', 'content_hash');
    const paramNames = new Set<string>();
    const restored = { ids: [] as string[], origins: [] as string[] };
    const userId = (email: string | undefined) => (email ? (users.get(email) ?? null) : null);
    const botId = (name: string | undefined) => (name ? (chatbots.get(name) ?? null) : null);

    items.forEach((item, i) => {
      const r = item.pending.record;
      const id = sessionIds[i]!;
      const operatorIds = [...new Set(r.operators.map((o) => users.get(o.email)!))];
      let messageCount = 0;
      let lastClientMessage: Date | null = null;
      for (const a of r.activities) {
        if (a.type !== 'system' && a.from !== 'system') messageCount++;
        if (a.from === 'client' && (!lastClientMessage || a.at > lastClientMessage)) lastClientMessage = a.at;
        activities.add(
          id,
          a.at,
          a.from,
          a.from === 'operator' ? userId(a.operator) : null,
          a.from === 'chatbot' ? botId(a.chatbot ?? r.chatbot) : null,
          a.from === 'system' ? 'system' : a.type,
          a.text,
          a.file?.name,
          a.file?.size,
          a.file?.mimeType,
          a.from === 'system' || a.type === 'system' ? (a.systemCode ?? 'imported') : a.systemCode,
          a.systemData ? JSON.stringify(a.systemData) : null,
        );
      }
      const clientLeft =
        r.clientLeft ??
        (r.endReason === 'client_abandoned'
          ? 'left_queue'
          : r.endReason === 'client_left'
            ? 'left_session'
            : null);
      const banIdentity = r.ban
        ? importedBanIdentity(
            identitiesOf(r)[0] ?? (r.client.ip ? { kind: 'ip' as const, value: r.client.ip } : undefined),
          )
        : undefined;
      sessions.add(
        id,
        r.externalId,
        r.channel,
        r.source,
        r.status,
        r.createdAt,
        r.acceptedAt,
        r.endedAt,
        r.acceptedAt
          ? seconds(r.createdAt, r.acceptedAt)
          : r.endedAt
            ? seconds(r.createdAt, r.endedAt)
            : null,
        r.acceptedAt && r.endedAt ? seconds(r.acceptedAt, r.endedAt) : null,
        r.group ? groups.get(r.group) : null,
        r.chatbot ? chatbots.get(r.chatbot) : null,
        arrayLiteral(operatorIds),
        r.endReason,
        clientLeft,
        r.pageUrl,
        r.widget ? widgets.get(r.widget) : null,
        contactIds[i],
        r.client.name,
        r.client.email,
        r.client.phone,
        r.client.ip,
        r.client.language,
        r.client.browser,
        r.client.os,
        r.client.visitorId,
        JSON.stringify(r.params),
        arrayLiteral(r.tags),
        r.rating,
        r.feedback,
        r.result,
        banIdentity !== undefined,
        r.recordings.length > 0,
        messageCount,
        lastClientMessage,
        transcriptSearchText(r.activities),
        item.existingId !== null,
      );
      const firstOperatorJoined = r.operators[0]?.joinedAt ?? r.acceptedAt;
      if (r.chatbot) {
        participants.add(
          id,
          'chatbot',
          null,
          chatbots.get(r.chatbot),
          r.createdAt,
          firstOperatorJoined ?? r.endedAt,
        );
      }
      for (const o of r.operators) {
        participants.add(
          id,
          'operator',
          users.get(o.email),
          null,
          o.joinedAt ?? r.acceptedAt ?? r.createdAt,
          o.leftAt ?? r.endedAt,
        );
      }
      for (const n of r.notes) notes.add(id, userId(n.author), n.text, n.at, true);
      for (const rec of r.recordings) {
        recordings.add(
          id,
          rec.track,
          rec.startedAt,
          rec.durationSeconds,
          rec.sizeBytes,
          rec.mediaType,
          rec.state,
        );
      }
      for (const e of r.routing) {
        routing.add(
          id,
          e.at,
          e.kind,
          userId(e.by),
          userId(e.operator),
          e.group ? groups.get(e.group) : null,
          botId(e.chatbot),
          JSON.stringify(e.data ?? {}),
        );
      }
      if (r.ban && banIdentity) {
        bans.add(
          r.channel,
          banIdentity.kind,
          banIdentity.value,
          r.ban.reason,
          id,
          userId(r.ban.by),
          r.ban.at,
          r.ban.expiresAt,
        );
      }
      if (!item.existingId) hashes.add(id, item.pending.hash);
      for (const name of Object.keys(r.params)) paramNames.add(name);
      if (r.restoredFrom) {
        restored.ids.push(id);
        restored.origins.push(r.restoredFrom);
      }
    });

    const existing = items.filter((item) => item.existingId);
    await trx.deleteSessionChildren(
      tenantId,
      existing.map((item) => item.existingId!),
    );
    await trx.writeSessions(
      tenantId,
      sessions,
      existing.map((item) => item.existingId!),
    );
    await trx.copy(tenantId, 'session_participants', participants);
    await trx.copy(tenantId, 'activities', activities);
    await trx.copy(tenantId, 'notes', notes);
    await trx.copy(tenantId, 'recordings', recordings);
    await trx.copy(tenantId, 'routing_events', routing);
    await trx.insertBans(tenantId, bans);
    await trx.insertParamNames(tenantId, [...paramNames]);
    await trx.linkRestored(tenantId, restored.ids, restored.origins);
    await trx.copy(tenantId, 'session_import_hashes', hashes);
    await trx.upsertHashes(
      tenantId,
      existing.map((item) => item.existingId!),
      existing.map((item) => item.pending.hash),
    );
    await trx.bumpHistoryEpoch(tenantId);
    return activities.rows.length;
  }

  // A load into a new (or small) tenant outgrows the planner's statistics quickly; refreshing them at
  // growing intervals keeps the lookups on index plans.
  let written = 0;
  let nextAnalyze = 2000;
  async function keepStatisticsFresh(count: number): Promise<void> {
    written += count;
    if (written < nextAnalyze) return;
    nextAnalyze = written * 4;
    await repo.analyzeSessions();
  }

  /** One batch in one transaction on one connection of the pool. */
  async function writeBatch(items: readonly { pending: PendingRecord; existingId: string | null }[]) {
    const contactIds = await contactsOf(items.map((item) => item.pending.record));
    return withConnection(db, async (connection) => {
      const trx = batchRepository(connection.client, connection.db);
      await trx.ensureStaging();
      return connection.db.transaction().execute(() => writeAll(trx, items, contactIds));
    });
  }

  async function write(batch: readonly PendingRecord[]): Promise<BatchResult> {
    const result: BatchResult = { created: 0, updated: 0, unchanged: 0, activities: 0, rejected: [] };
    if (!batch.length) return result;
    const existing = new Map(
      (
        await repo.findByExternalIds(
          tenantId,
          batch.map((p) => p.record.externalId),
        )
      ).map((row) => [row.external_id, row]),
    );
    const items: { pending: PendingRecord; existingId: string | null }[] = [];
    for (const pending of batch) {
      const found = existing.get(pending.record.externalId);
      if (found?.content_hash && found.content_hash.equals(pending.hash)) result.unchanged++;
      else items.push({ pending, existingId: found?.id ?? null });
    }
    if (!items.length) return result;
    try {
      await resolveDirectory(items.map((item) => item.pending.record));
      result.activities = await writeBatch(items);
      for (const item of items) {
        if (item.existingId) result.updated++;
        else result.created++;
      }
      await keepStatisticsFresh(items.length);
    } catch (error) {
      if (items.length === 1) {
        result.rejected.push({
          line: items[0]!.pending.line,
          externalId: items[0]!.pending.record.externalId,
          reason: `could not be stored: ${error instanceof Error ? error.message : String(error)}`,
        });
        return result;
      }
      // Find the record(s) the database refuses; keep the others.
      for (const item of items) {
        const single = await write([item.pending]);
        result.created += single.created;
        result.updated += single.updated;
        result.unchanged += single.unchanged;
        result.activities += single.activities;
        result.rejected.push(...single.rejected);
      }
    }
    return result;
  }

  return { write };
}

export type SessionWriter = ReturnType<typeof sessionWriter>;

/**
 * Keeps up to `parallel` batches in the database at once (one connection each), so PostgreSQL works on
 * both cores while Node parses the next batch. Order still holds where it matters: a batch naming an
 * external id that a batch in flight writes (the same session again, or the origin of a restored one)
 * waits until that batch is committed. Results arrive in completion order; the first failure is thrown
 * by the next `submit` or by `drain`.
 */
export function batchPipeline(writer: SessionWriter, onResult: (result: BatchResult) => void, parallel = 2) {
  const inFlight = new Set<Promise<void>>();
  const writing = new Map<string, number>();
  let failure: { error: unknown } | undefined;
  const count = (ids: readonly string[], by: number) => {
    for (const id of ids) {
      const n = (writing.get(id) ?? 0) + by;
      if (n > 0) writing.set(id, n);
      else writing.delete(id);
    }
  };
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    async submit(batch: readonly PendingRecord[]): Promise<void> {
      check();
      if (!batch.length) return;
      const depends = batch.some(
        ({ record }) =>
          writing.has(record.externalId) ||
          (record.restoredFrom !== undefined && writing.has(record.restoredFrom)),
      );
      if (depends) await Promise.all(inFlight);
      while (inFlight.size >= parallel) await Promise.race(inFlight);
      check();
      const ids = batch.map(({ record }) => record.externalId);
      count(ids, 1);
      const done: Promise<void> = writer
        .write(batch)
        .then(onResult)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          count(ids, -1);
          inFlight.delete(done);
        });
      inFlight.add(done);
    },
    async drain(): Promise<void> {
      await Promise.all(inFlight);
      check();
    },
  };
}
