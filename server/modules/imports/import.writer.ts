import { createHash } from 'node:crypto';
import type { Database } from '../../db/database';
import type { Channel, IdentityKind } from '../../../common/domain';
import { importRepository, type Column, type ImportRepository } from './import.repository';
import type { ImportError, ImportRecord } from './import.schemas';

/**
 * The one bulk write path: import, the demo and the seed generator all hand it batches of validated
 * import records. A batch is one transaction of one multi-row statement per table; a batch that fails
 * as a whole is retried record by record, so one unstorable record is rejected alone and the rest kept.
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

export interface WriterOptions {
  /** Rebuild the search documents of each batch (import). A bulk load may do it once at the end instead. */
  refreshSearch: boolean;
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

/** A PostgreSQL array literal, for per-row array columns written through unnest (cast after unnest). */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const iso = (date: Date | undefined | null): string | null => (date ? date.toISOString() : null);
const seconds = (from: Date, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** Accumulates rows column by column. */
function rows(spec: readonly (readonly [name: string, type: string, cast?: string])[]) {
  const values = spec.map(() => [] as unknown[]);
  return {
    add(...row: unknown[]): void {
      for (let i = 0; i < values.length; i++) values[i]!.push(row[i] ?? null);
    },
    get size(): number {
      return values[0]?.length ?? 0;
    },
    columns(): Column[] {
      return spec.map(([name, type, cast], i) => ({
        name,
        type,
        values: values[i]!,
        ...(cast ? { cast } : {}),
      }));
    },
  };
}

const sessionSpec = [
  ['id', 'bigint'],
  ['external_id', 'text'],
  ['channel', 'text'],
  ['source', 'text'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
  ['accepted_at', 'timestamptz'],
  ['ended_at', 'timestamptz'],
  ['waiting_seconds', 'int'],
  ['duration_seconds', 'int'],
  ['group_id', 'bigint'],
  ['chatbot_id', 'bigint'],
  ['operator_ids', 'text', 'bigint[]'],
  ['end_reason', 'text'],
  ['client_left', 'text'],
  ['page_url', 'text'],
  ['widget_id', 'bigint'],
  ['contact_id', 'bigint'],
  ['client_name', 'text'],
  ['client_email', 'text'],
  ['client_phone', 'text'],
  ['client_ip', 'text'],
  ['client_language', 'text'],
  ['client_browser', 'text'],
  ['client_os', 'text'],
  ['visitor_id', 'text'],
  ['params', 'text', 'jsonb'],
  ['tags', 'text', 'text[]'],
  ['rating', 'smallint'],
  ['feedback', 'text'],
  ['result', 'text'],
  ['banned', 'boolean'],
  ['has_recording', 'boolean'],
  ['message_count', 'int'],
  ['last_client_message_at', 'timestamptz'],
] as const;

export function sessionWriter(db: Database, tenantId: string, options: WriterOptions) {
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

  async function resolveContacts(trx: ImportRepository, records: readonly ImportRecord[]) {
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
    const contacts = rows([
      ['id', 'bigint'],
      ['name', 'text'],
      ['language', 'text'],
      ['created_at', 'timestamptz'],
    ]);
    newContacts.forEach((record, i) =>
      contacts.add(ids[i], record.client.name, record.client.language, iso(record.createdAt)),
    );
    await trx.insertContacts(tenantId, contacts.columns());
    const contactIds = assignment.map((a) => (typeof a === 'number' ? ids[a]! : a));

    const identityRows = rows([
      ['contact_id', 'bigint'],
      ['channel', 'text'],
      ['kind', 'text'],
      ['value', 'text'],
    ]);
    perRecord.forEach((identities, i) => {
      const contactId = contactIds[i];
      for (const identity of identities) {
        const key = keyOf(records[i]!.channel, identity.kind, identity.value);
        if (contactByKey.has(key)) continue;
        contactByKey.set(key, contactId!);
        identityRows.add(contactId, records[i]!.channel, identity.kind, identity.value);
      }
    });
    await trx.insertContactIdentities(tenantId, identityRows.columns());
    return contactIds;
  }

  async function writeAll(
    trxDb: Database,
    items: readonly { pending: PendingRecord; existingId: string | null }[],
  ): Promise<number> {
    const trx = importRepository(trxDb);
    await trx.relaxCommit();
    const records = items.map((item) => item.pending.record);
    const contactIds = await resolveContacts(trx, records);
    const newIds = await trx.reserveIds('sessions', items.filter((item) => !item.existingId).length);
    let next = 0;
    const sessionIds = items.map((item) => item.existingId ?? newIds[next++]!);

    const created = rows(sessionSpec);
    const updated = rows(sessionSpec);
    const participants = rows([
      ['session_id', 'bigint'],
      ['kind', 'text'],
      ['user_id', 'bigint'],
      ['chatbot_id', 'bigint'],
      ['joined_at', 'timestamptz'],
      ['left_at', 'timestamptz'],
    ]);
    const activities = rows([
      ['session_id', 'bigint'],
      ['at', 'timestamptz'],
      ['sender', 'text'],
      ['user_id', 'bigint'],
      ['chatbot_id', 'bigint'],
      ['type', 'text'],
      ['text', 'text'],
      ['file_name', 'text'],
      ['file_size', 'bigint'],
      ['file_mime_type', 'text'],
      ['system_code', 'text'],
      ['system_data', 'text', 'jsonb'],
    ]);
    const notes = rows([
      ['session_id', 'bigint'],
      ['author_id', 'bigint'],
      ['text', 'text'],
      ['created_at', 'timestamptz'],
    ]);
    const recordings = rows([
      ['session_id', 'bigint'],
      ['track', 'text'],
      ['started_at', 'timestamptz'],
      ['duration_seconds', 'int'],
      ['size_bytes', 'bigint'],
      ['media_type', 'text'],
      ['state', 'text'],
    ]);
    const routing = rows([
      ['session_id', 'bigint'],
      ['at', 'timestamptz'],
      ['kind', 'text'],
      ['actor_user_id', 'bigint'],
      ['user_id', 'bigint'],
      ['group_id', 'bigint'],
      ['chatbot_id', 'bigint'],
      ['data', 'text', 'jsonb'],
    ]);
    const bans = rows([
      ['channel', 'text'],
      ['identity_kind', 'text'],
      ['identity_value', 'text'],
      ['reason', 'text'],
      ['session_id', 'bigint'],
      ['created_by', 'bigint'],
      ['created_at', 'timestamptz'],
      ['expires_at', 'timestamptz'],
    ]);
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
          iso(a.at),
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
        ? (identitiesOf(r)[0] ?? (r.client.ip ? { kind: 'ip' as const, value: r.client.ip } : undefined))
        : undefined;
      (item.existingId ? updated : created).add(
        id,
        r.externalId,
        r.channel,
        r.source,
        r.status,
        iso(r.createdAt),
        iso(r.acceptedAt),
        iso(r.endedAt),
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
        iso(lastClientMessage),
      );
      const firstOperatorJoined = r.operators[0]?.joinedAt ?? r.acceptedAt;
      if (r.chatbot) {
        participants.add(
          id,
          'chatbot',
          null,
          chatbots.get(r.chatbot),
          iso(r.createdAt),
          iso(firstOperatorJoined ?? r.endedAt),
        );
      }
      for (const o of r.operators) {
        participants.add(
          id,
          'operator',
          users.get(o.email),
          null,
          iso(o.joinedAt ?? r.acceptedAt ?? r.createdAt),
          iso(o.leftAt ?? r.endedAt),
        );
      }
      for (const n of r.notes) notes.add(id, userId(n.author), n.text, iso(n.at));
      for (const rec of r.recordings) {
        recordings.add(
          id,
          rec.track,
          iso(rec.startedAt),
          rec.durationSeconds,
          rec.sizeBytes,
          rec.mediaType,
          rec.state,
        );
      }
      for (const e of r.routing) {
        routing.add(
          id,
          iso(e.at),
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
          iso(r.ban.at),
          iso(r.ban.expiresAt),
        );
      }
      for (const name of Object.keys(r.params)) paramNames.add(name);
      if (r.restoredFrom) {
        restored.ids.push(id);
        restored.origins.push(r.restoredFrom);
      }
    });

    await trx.insertSessions(tenantId, created.columns());
    if (updated.size) {
      await trx.updateSessions(tenantId, updated.columns());
      await trx.deleteSessionChildren(
        tenantId,
        items.filter((item) => item.existingId).map((item) => item.existingId!),
      );
    }
    await trx.insertParticipants(tenantId, participants.columns());
    await trx.insertActivities(tenantId, activities.columns());
    await trx.insertNotes(tenantId, notes.columns());
    await trx.insertRecordings(tenantId, recordings.columns());
    await trx.insertRoutingEvents(tenantId, routing.columns());
    await trx.insertBans(tenantId, bans.columns());
    await trx.insertParamNames(tenantId, [...paramNames]);
    await trx.linkRestored(tenantId, restored.ids, restored.origins);
    await trx.upsertHashes(
      tenantId,
      sessionIds,
      items.map((item) => item.pending.hash),
    );
    if (options.refreshSearch) await trx.refreshSearchDocuments(tenantId, sessionIds);
    return activities.size;
  }

  // A load into a new (or small) tenant outgrows the planner's statistics quickly; refreshing them at
  // growing intervals keeps refresh_search_documents and the lookups on index plans.
  let written = 0;
  let nextAnalyze = 2000;
  async function keepStatisticsFresh(count: number): Promise<void> {
    written += count;
    if (written < nextAnalyze) return;
    nextAnalyze = written * 4;
    await repo.analyzeSessions();
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
      result.activities = await db.transaction().execute((trx) => writeAll(trx, items));
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
