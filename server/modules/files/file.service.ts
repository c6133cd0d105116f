import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';
import type { Principal } from '../../platform/auth/principal';
import { AppError, invalid, notFound } from '../../platform/errors';
import type { Log } from '../../platform/log';
import { objectKeys, type ObjectStore } from '../../platform/storage/object-store';
import { recordAudit } from '../audit/audit.repository';
import { isSafeInline, putGuarded, sniffFileType, TooLarge } from '../../platform/storage/media-types';
import type { SessionService } from '../sessions/session.service';

/** A file's metadata as its transcript line keeps it. */
export interface StoredFileMeta {
  name: string;
  size: number;
  mimeType: string;
}

/** Writes the transcript line of an uploaded file; `link` (in its transaction) attaches the stored bytes. */
export type PostFile<T> = (
  file: StoredFileMeta,
  link: (trx: Transaction<DB>, activityId: string) => Promise<void>,
) => Promise<T>;

/** Files removed per retention pass (the pass repeats until none is left). */
const RETENTION_BATCH = 500;
const MAX_NAME = 255;

/**
 * Files sent in sessions — by the web chat client, by an operator, or fetched from a messaging
 * platform — kept in the object store beside the recordings, their metadata on the transcript line.
 * The type is sniffed from the bytes, never taken from the sender; only sniffed raster images are ever
 * served inline (everything else downloads, with nosniff and a sandboxing CSP), so nothing a client
 * uploads runs in the application's origin.
 */
export function fileService(
  db: Database,
  deps: { store: ObjectStore; sessions: Pick<SessionService, 'requireVisible'>; log: Log; maxBytes: number },
) {
  /** Streams `body` into the store, sniffing its type and enforcing the limit; answers where it went. */
  async function keep(tenantId: string, body: Readable, declaredLength: number | undefined) {
    if (declaredLength !== undefined && declaredLength > deps.maxBytes) {
      throw new AppError(
        'files.too_large',
        `The file is ${declaredLength} bytes; the limit is ${deps.maxBytes}.`,
        {
          limit: deps.maxBytes,
        },
      );
    }
    let mimeType = 'application/octet-stream';
    const key = objectKeys.sessionFile(tenantId, randomUUID());
    let size: number;
    try {
      ({ size } = await putGuarded(deps.store, key, body, {
        limit: deps.maxBytes,
        contentType: 'application/octet-stream',
        check: async (head) => {
          mimeType = await sniffFileType(head);
        },
      }));
    } catch (error) {
      if (error instanceof TooLarge)
        throw new AppError(
          'files.too_large',
          `The file passed the limit of ${deps.maxBytes} bytes; nothing was kept.`,
          {
            limit: deps.maxBytes,
          },
        );
      throw error;
    }
    if (size === 0) {
      await deps.store.delete(key);
      throw invalid('The file is empty.');
    }
    return { key, size, mimeType };
  }

  async function linkKey(trx: Transaction<DB>, tenantId: string, activityId: string, key: string) {
    await trx
      .updateTable('activities')
      .set({ file_object_key: key })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', activityId)
      .execute();
  }

  /** The stored object of a file line of a session's transcript, and how to serve it. */
  async function stored(tenantId: string, sessionId: string, activityId: string, download: boolean) {
    const row = await db
      .selectFrom('activities')
      .select(['file_name', 'file_mime_type', 'file_object_key', 'file_deleted_at'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('id', '=', activityId)
      .where('type', '=', 'file')
      .executeTakeFirst();
    if (!row) throw notFound(`File of activity ${activityId}`);
    if (row.file_deleted_at)
      throw new AppError(
        'files.deleted',
        'The file was deleted when the workspace’s retention period ended.',
      );
    if (!row.file_object_key) throw notFound(`File of activity ${activityId}`);
    const key = row.file_object_key;
    const stat = await deps.store.stat(key);
    if (!stat) throw new AppError('files.missing', 'The stored file is gone.');
    const mimeType = row.file_mime_type ?? 'application/octet-stream';
    return {
      size: stat.size,
      // Only the sniffed safe images keep their type; the rest is bytes to save, never to render.
      contentType: isSafeInline(mimeType) ? mimeType : 'application/octet-stream',
      fileName: row.file_name ?? 'file',
      inline: !download && isSafeInline(mimeType),
      open: (range?: { start: number; end: number }) => deps.store.read(key, range),
    };
  }

  return {
    /** The largest file a party may send (MAX_FILE_MB); the seats check it before sending. */
    maxBytes: deps.maxBytes,

    /**
     * An upload into a session's transcript: the bytes are kept first, then `post` writes the line (the
     * caller's own checks: the client's token, the operator being in the session) and links them in its
     * transaction. When `post` refuses, the kept bytes are removed again.
     */
    async upload<T>(
      tenantId: string,
      input: { name: string; body: Readable; contentLength: number | undefined },
      post: PostFile<T>,
    ): Promise<T> {
      const name = cleanName(input.name);
      const kept = await keep(tenantId, input.body, input.contentLength);
      try {
        return await post({ name, size: kept.size, mimeType: kept.mimeType }, (trx, activityId) =>
          linkKey(trx, tenantId, activityId, kept.key),
        );
      } catch (error) {
        await deps.store.delete(kept.key).catch(() => undefined);
        throw error;
      }
    },

    /** Keeps bytes fetched from a messaging platform under a key derived from its message (retries rewrite it). */
    async keepFetched(tenantId: string, name: string, bytes: Buffer) {
      const mimeType = await sniffFileType(bytes.subarray(0, 4100));
      const key = objectKeys.sessionFile(tenantId, `channels/${name}`);
      await deps.store.put(key, Readable.from([bytes]), { contentType: mimeType });
      return { key, mimeType };
    },

    linkKey,

    /** A stream of a stored session file (an operator's upload on its way to a messaging platform). */
    readStored: (key: string) => deps.store.read(key),

    /** What to serve for a file of a visible session's transcript; audited. */
    async open(
      principal: Principal,
      sessionId: string,
      activityId: string,
      how: { download: boolean; ip: string },
    ) {
      await deps.sessions.requireVisible(principal, sessionId);
      const file = await stored(principal.tenantId, sessionId, activityId, how.download);
      await recordAudit(db, principal, {
        action: file.inline ? 'file.view' : 'file.download',
        objectType: 'activity',
        objectId: activityId,
        data: { sessionId, name: file.fileName },
        ip: how.ip,
      });
      return file;
    },

    /**
     * A file of the web chat client's own session (the client proved the session with its token): what
     * either party sent is theirs to see again. Not audited: the audit log records colleagues' views.
     */
    async openForClient(tenantId: string, sessionId: string, activityId: string, how: { download: boolean }) {
      return stored(tenantId, sessionId, activityId, how.download);
    },

    /** Removes session files past their tenant's file retention; the transcript line stays, marked. */
    async applyRetention(): Promise<number> {
      let removed = 0;
      for (;;) {
        // Per tenant an index range scan of activities_stored_files_idx below the tenant's cut-off.
        const batch = await sql<{ tenant_id: string; id: string; file_object_key: string }>`
          SELECT a.tenant_id, a.id, a.file_object_key
          FROM tenants t
          LEFT JOIN tenant_settings s ON s.tenant_id = t.id
          CROSS JOIN LATERAL (
            SELECT tenant_id, id, file_object_key FROM activities
            WHERE tenant_id = t.id AND file_object_key IS NOT NULL
              AND at < now() - make_interval(days => coalesce(s.file_retention_days, 730))
            LIMIT ${RETENTION_BATCH}
          ) a
          LIMIT ${RETENTION_BATCH}
        `.execute(db);
        for (const row of batch.rows) {
          await deps.store.delete(row.file_object_key);
          await db
            .updateTable('activities')
            .set({ file_object_key: null, file_deleted_at: new Date() })
            .where('tenant_id', '=', row.tenant_id)
            .where('id', '=', row.id)
            .execute();
          removed += 1;
        }
        if (batch.rows.length < RETENTION_BATCH) break;
      }
      if (removed > 0) deps.log.info({ removed }, 'file retention removed session files');
      return removed;
    },

    /**
     * Moves media kept in the database by the first channels release (`channel_files`) into the store,
     * a batch at a time; idempotent, run with the housekeeping.
     */
    async adoptChannelFiles(): Promise<number> {
      let moved = 0;
      for (;;) {
        const rows = await db
          .selectFrom('channel_files')
          .select(['tenant_id', 'key', 'mime_type', 'bytes'])
          .limit(50)
          .execute();
        for (const row of rows) {
          const target = objectKeys.sessionFile(row.tenant_id, `channels/${row.key}`);
          await deps.store.put(target, Readable.from([row.bytes]), { contentType: row.mime_type });
          await db.transaction().execute(async (trx) => {
            await trx
              .updateTable('activities')
              .set({ file_object_key: target })
              .where('tenant_id', '=', row.tenant_id)
              .where('file_object_key', '=', row.key)
              .execute();
            await trx
              .deleteFrom('channel_files')
              .where('tenant_id', '=', row.tenant_id)
              .where('key', '=', row.key)
              .execute();
          });
          moved += 1;
        }
        if (rows.length < 50) break;
      }
      return moved;
    },
  };
}

export type FileService = ReturnType<typeof fileService>;

/** A file name to keep and show: no path, no control characters, not empty, not endless. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, MAX_NAME);
}
