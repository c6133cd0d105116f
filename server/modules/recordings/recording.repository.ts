import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';
import type { RecordingTrack } from '../../../common/domain';

type Db = Kysely<DB> | Transaction<DB>;

const COLUMNS = [
  'id',
  'session_id',
  'track',
  'started_at',
  'duration_seconds',
  'size_bytes',
  'media_type',
  'state',
  'object_key',
  'failure_reason',
  'idempotency_key',
] as const;

export function recordingRepository(db: Database) {
  return {
    async list(tenantId: string, sessionId: string) {
      return db
        .selectFrom('recordings')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .orderBy('started_at')
        .orderBy('id')
        .execute();
    },

    async get(tenantId: string, sessionId: string, recordingId: string) {
      return db
        .selectFrom('recordings')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .where('id', '=', recordingId)
        .executeTakeFirst();
    },

    async byIdempotencyKey(tenantId: string, sessionId: string, key: string) {
      return db
        .selectFrom('recordings')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
    },

    /** Claims a new recording while its file streams in (a concurrent duplicate key fails on the index). */
    async insert(values: {
      tenantId: string;
      sessionId: string;
      track: RecordingTrack;
      startedAt: Date;
      mediaType: string;
      idempotencyKey: string | null;
    }) {
      return db
        .insertInto('recordings')
        .values({
          tenant_id: values.tenantId,
          session_id: values.sessionId,
          track: values.track,
          started_at: values.startedAt,
          media_type: values.mediaType,
          state: 'processing',
          idempotency_key: values.idempotencyKey,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
    },

    async remove(tenantId: string, recordingId: string) {
      await db
        .deleteFrom('recordings')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', recordingId)
        .execute();
    },

    /** The file is complete in the store: now it is probed (in the same transaction, the job to do it). */
    async stored(trx: Db, tenantId: string, recordingId: string, file: { objectKey: string; size: number }) {
      await trx
        .updateTable('recordings')
        .set({
          object_key: file.objectKey,
          size_bytes: String(file.size),
          state: 'processing',
          failure_reason: null,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', recordingId)
        .execute();
      await trx
        .updateTable('sessions')
        .set({ has_recording: true })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', (qb) =>
          qb
            .selectFrom('recordings')
            .select('session_id')
            .where('tenant_id', '=', tenantId)
            .where('id', '=', recordingId),
        )
        .where('has_recording', '=', false)
        .execute();
    },

    async ready(tenantId: string, recordingId: string, durationSeconds: number | null) {
      return db
        .updateTable('recordings')
        .set({ state: 'ready', duration_seconds: durationSeconds, ready_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', recordingId)
        .where('state', '=', 'processing')
        .returning('session_id')
        .executeTakeFirst();
    },

    async failed(tenantId: string, recordingId: string, reason: string) {
      return db
        .updateTable('recordings')
        .set({ state: 'failed', failure_reason: reason.slice(0, 500) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', recordingId)
        .returning('session_id')
        .executeTakeFirst();
    },

    /**
     * Recordings past their tenant's retention, a batch at a time: per tenant an index range scan of
     * recordings_started_idx (tenant_id, started_at) below the tenant's cut-off.
     */
    async expired(limit: number) {
      const result = await sql<{
        tenant_id: string;
        id: string;
        session_id: string;
        track: RecordingTrack;
        started_at: Date;
        object_key: string | null;
      }>`
        SELECT r.tenant_id, r.id, r.session_id, r.track, r.started_at, r.object_key
        FROM tenants t
        LEFT JOIN tenant_settings s ON s.tenant_id = t.id
        CROSS JOIN LATERAL (
          SELECT tenant_id, id, session_id, track, started_at, object_key
          FROM recordings
          WHERE tenant_id = t.id
            AND started_at < now() - make_interval(days => coalesce(s.recording_retention_days, 365))
          ORDER BY started_at
          LIMIT ${limit}
        ) r
        LIMIT ${limit}
      `.execute(db);
      return result.rows;
    },

    /** Removes an expired recording's row and leaves a note in its session's transcript. */
    async deleteExpired(
      trx: Db,
      row: { tenant_id: string; id: string; session_id: string; track: RecordingTrack; started_at: Date },
    ) {
      const deleted = await trx
        .deleteFrom('recordings')
        .where('tenant_id', '=', row.tenant_id)
        .where('id', '=', row.id)
        .returning('id')
        .executeTakeFirst();
      if (!deleted) return false;
      await trx
        .insertInto('activities')
        .values({
          tenant_id: row.tenant_id,
          session_id: row.session_id,
          at: new Date(),
          sender: 'system',
          type: 'system',
          system_code: 'recording_deleted',
          system_data: JSON.stringify({
            track: row.track,
            startedAt: row.started_at.toISOString(),
            reason: 'retention',
          }),
        })
        .execute();
      return true;
    },
  };
}

export type RecordingRepository = ReturnType<typeof recordingRepository>;
