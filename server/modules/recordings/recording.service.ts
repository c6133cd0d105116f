import type { Readable } from 'node:stream';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { AppError, invalid, notFound } from '../../platform/errors';
import type { EventBus } from '../../platform/events/event-bus';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { Log } from '../../platform/log';
import { objectKeys, type ObjectStore } from '../../platform/storage/object-store';
import type { RecordingTrack } from '../../../common/domain';
import { recordAudit } from '../audit/audit.repository';
import type { SessionService } from '../sessions/session.service';
import type { SettingsService } from '../settings/settings.service';
import {
  baseMediaType,
  isRecordingType,
  probeDuration,
  putGuarded,
  recordingMediaTypes,
  sniffMatchesRecording,
  TooLarge,
  WrongContent,
} from '../../platform/storage/media-types';
import { recordingRepository } from './recording.repository';

/** The ingest API's track kinds and the stored track names. */
export const recordingKinds = {
  client: 'client_av',
  operator: 'operator_av',
  all: 'all_participants',
  screen: 'screen_share',
  phone: 'phone_call',
} as const satisfies Record<string, RecordingTrack>;
export type RecordingKind = keyof typeof recordingKinds;
const kindOfTrack = Object.fromEntries(
  Object.entries(recordingKinds).map(([kind, track]) => [track, kind]),
) as Record<RecordingTrack, RecordingKind>;

/** Recordings removed per retention pass (the pass repeats until none is left). */
const RETENTION_BATCH = 200;

type Row = Awaited<ReturnType<ReturnType<typeof recordingRepository>['list']>>[number];

export interface IngestInput {
  kind: RecordingKind;
  startedAt: Date;
  contentType: string | undefined;
  contentLength: number | undefined;
  idempotencyKey: string | undefined;
  body: Readable;
}

/**
 * Recordings of audio/video sessions and phone calls: taken from the media side (a media server, a
 * PBX) as a streamed body into the object store, probed in the background (processing → ready or
 * failed), listed and played back with the session's visibility, every playback and download audited,
 * and removed after the tenant's retention.
 */
export function recordingService(
  db: Database,
  deps: {
    store: ObjectStore;
    sessions: Pick<SessionService, 'requireVisible'>;
    settings: SettingsService;
    jobs: JobQueue;
    events: EventBus;
    log: Log;
    maxBytes: number;
  },
) {
  const repo = recordingRepository(db);

  const toItem = (sessionId: string, row: Row) => ({
    id: row.id,
    kind: kindOfTrack[row.track],
    track: row.track,
    startedAt: row.started_at,
    durationSeconds: row.duration_seconds,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    mediaType: row.media_type,
    state: row.state,
    failureReason: row.failure_reason,
    mediaUrl:
      row.state === 'ready' && row.object_key !== null
        ? `/api/v1/sessions/${sessionId}/recordings/${row.id}/media`
        : null,
  });

  async function publishChanged(tenantId: string, sessionId: string) {
    await deps.events
      .publish([{ tenantId, sessionId, kind: 'session.updated', fields: ['recordings'] }])
      .catch((error: unknown) => deps.log.warn({ err: error }, 'publishing a recording change failed'));
  }

  return {
    async list(principal: Principal, sessionId: string) {
      await deps.sessions.requireVisible(principal, sessionId);
      const rows = await repo.list(principal.tenantId, sessionId);
      return { recordings: rows.map((row) => toItem(sessionId, row)) };
    },

    /**
     * Takes one recorded track. Refused before a byte is stored when the tenant does not record that
     * kind, the session is not one that is recorded, or the declared type or length is not allowed;
     * refused while streaming when the first bytes are not the declared container or the body passes
     * the size limit (nothing is kept then). With an Idempotency-Key, a repeat answers the first one.
     */
    async ingest(principal: Principal, sessionId: string, input: IngestInput) {
      const session = await deps.sessions.requireVisible(principal, sessionId);
      const settings = await deps.settings.get(principal.tenantId);
      const phone = input.kind === 'phone';
      if (phone ? !settings.recordingPhone : !settings.recordingAv) {
        throw new AppError(
          'recordings.disabled',
          `This workspace does not record ${phone ? 'phone calls' : 'audio/video sessions'}; nothing was stored. An administrator can switch it on in the settings.`,
        );
      }
      const fits = phone
        ? session.channel === 'phone'
        : session.channel === 'av' || session.channel === 'webchat';
      if (!fits) {
        throw new AppError(
          'recordings.wrong_channel',
          `A ${input.kind} recording does not belong to a ${session.channel} session (${phone ? 'phone recordings are of phone sessions' : 'audio/video recordings are of audio/video and web chat sessions'}).`,
        );
      }
      const mediaType = baseMediaType(input.contentType);
      if (!isRecordingType(mediaType)) {
        throw new AppError(
          'recordings.wrong_type',
          `Content-Type ${mediaType || '(none)'} is not a recording type this server takes: ${recordingMediaTypes.join(', ')}.`,
        );
      }
      if (input.contentLength !== undefined && input.contentLength > deps.maxBytes) {
        throw new AppError(
          'recordings.too_large',
          `The recording is ${input.contentLength} bytes; the limit is ${deps.maxBytes}.`,
          {
            limit: deps.maxBytes,
          },
        );
      }
      const idempotencyKey = input.idempotencyKey ?? null;
      if (idempotencyKey !== null) {
        const earlier = await repo.byIdempotencyKey(principal.tenantId, sessionId, idempotencyKey);
        if (earlier && earlier.state !== 'failed')
          return { created: false, recording: toItem(sessionId, earlier) };
        if (earlier) await repo.remove(principal.tenantId, earlier.id);
      }
      const row = await repo
        .insert({
          tenantId: principal.tenantId,
          sessionId,
          track: recordingKinds[input.kind],
          startedAt: input.startedAt,
          mediaType,
          idempotencyKey,
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23505')
            throw new AppError(
              'conflict',
              `A recording with Idempotency-Key ${idempotencyKey} is being received right now.`,
            );
          throw error;
        });
      const objectKey = objectKeys.recording(principal.tenantId, row.id);
      let size: number;
      try {
        ({ size } = await putGuarded(deps.store, objectKey, input.body, {
          limit: deps.maxBytes,
          contentType: mediaType,
          check: async (head) => {
            const { ok, sniffed } = await sniffMatchesRecording(head, mediaType);
            if (!ok)
              throw new WrongContent(
                `The body is not ${mediaType}: its first bytes are ${sniffed ?? 'no known media container'}.`,
              );
          },
        }));
      } catch (error) {
        await repo.remove(principal.tenantId, row.id);
        if (error instanceof TooLarge)
          throw new AppError(
            'recordings.too_large',
            `The recording passed the limit of ${deps.maxBytes} bytes; nothing was stored.`,
            {
              limit: deps.maxBytes,
            },
          );
        if (error instanceof WrongContent)
          throw new AppError('recordings.wrong_type', `${error.message} Nothing was stored.`);
        throw error;
      }
      if (size === 0) {
        await repo.remove(principal.tenantId, row.id);
        await deps.store.delete(objectKey);
        throw invalid('The recording is empty; nothing was stored.');
      }
      await db.transaction().execute(async (trx) => {
        await repo.stored(trx, principal.tenantId, row.id, { objectKey, size });
        await deps.jobs.send(
          'recordings.probe',
          { tenantId: principal.tenantId, recordingId: row.id },
          { within: trx },
        );
        await recordAudit(trx, principal, {
          action: 'recording.ingest',
          objectType: 'recording',
          objectId: row.id,
          data: { sessionId, kind: input.kind, mediaType, size },
        });
      });
      await publishChanged(principal.tenantId, sessionId);
      const stored = await repo.get(principal.tenantId, sessionId, row.id);
      return { created: true, recording: toItem(sessionId, stored ?? row) };
    },

    /** The background step after ingest: reads the stored file's length, then it is ready (or failed). */
    async probe(job: { tenantId: string; recordingId: string }) {
      const row = await db
        .selectFrom('recordings')
        .select(['session_id', 'object_key', 'media_type', 'size_bytes', 'state'])
        .where('tenant_id', '=', job.tenantId)
        .where('id', '=', job.recordingId)
        .executeTakeFirst();
      if (!row || row.state !== 'processing' || row.object_key === null) return;
      let duration: number | null;
      try {
        duration = await probeDuration(
          await deps.store.read(row.object_key),
          row.media_type,
          Number(row.size_bytes),
        );
      } catch (error) {
        const reason = `The file could not be read as ${row.media_type}: ${(error as Error).message}`;
        deps.log.warn(
          { tenantId: job.tenantId, recordingId: job.recordingId, err: error },
          'recording probe failed',
        );
        await repo.failed(job.tenantId, job.recordingId, reason);
        await publishChanged(job.tenantId, row.session_id);
        return;
      }
      const done = await repo.ready(job.tenantId, job.recordingId, duration);
      if (done) await publishChanged(job.tenantId, done.session_id);
    },

    /** What to serve for a playback or download request; the first request of each is audited. */
    async media(
      principal: Principal,
      sessionId: string,
      recordingId: string,
      how: { download: boolean; first: boolean; ip: string },
    ) {
      await deps.sessions.requireVisible(principal, sessionId);
      const row = await repo.get(principal.tenantId, sessionId, recordingId);
      if (!row) throw notFound(`Recording ${recordingId}`);
      if (row.state !== 'ready' || row.object_key === null) {
        throw new AppError(
          'recordings.not_ready',
          `Recording ${recordingId} is ${row.state}; it can be played once it is ready.`,
        );
      }
      const objectKey = row.object_key;
      const stat = await deps.store.stat(objectKey);
      if (!stat)
        throw new AppError(
          'recordings.file_missing',
          `The file of recording ${recordingId} is no longer in storage.`,
        );
      // A player asks for many ranges while it plays and seeks: the request from the start (or a
      // download) is the one that counts as a playback.
      if (how.download || how.first) {
        await recordAudit(db, principal, {
          action: how.download ? 'recording.download' : 'recording.play',
          objectType: 'recording',
          objectId: recordingId,
          data: { sessionId, kind: kindOfTrack[row.track] },
          ip: how.ip,
        });
      }
      const extension =
        {
          webm: 'webm',
          ogg: 'ogg',
          opus: 'opus',
          mp4: 'mp4',
          aac: 'm4a',
          'x-m4a': 'm4a',
          mpeg: 'mp3',
          mp3: 'mp3',
        }[row.media_type.split('/')[1] ?? ''] ?? 'wav';
      return {
        size: stat.size,
        contentType: row.media_type,
        fileName: `session-${sessionId}-${kindOfTrack[row.track]}-${row.id}.${extension}`,
        inline: !how.download,
        open: (range?: { start: number; end: number }) => deps.store.read(objectKey, range),
      };
    },

    /** Removes recordings past their tenant's retention (file, then row and a transcript note). */
    async applyRetention(): Promise<number> {
      let removed = 0;
      for (;;) {
        const batch = await repo.expired(RETENTION_BATCH);
        for (const row of batch) {
          if (row.object_key !== null) await deps.store.delete(row.object_key);
          const gone = await db.transaction().execute((trx) => repo.deleteExpired(trx, row));
          if (gone) removed += 1;
        }
        if (batch.length < RETENTION_BATCH) break;
      }
      if (removed > 0) deps.log.info({ removed }, 'recording retention removed recordings');
      return removed;
    },
  };
}

export type RecordingService = ReturnType<typeof recordingService>;
