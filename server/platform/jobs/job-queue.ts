import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';

/**
 * The database-backed job queue (pg-boss 10). Jobs are rows in PostgreSQL: a timer scheduled in the
 * same transaction as the change it belongs to survives a crash of the process that wrote it, and any
 * instance picks it up (pg-boss fetches with SKIP LOCKED, so one job runs once at a time).
 *
 * Every job name and its data is declared in `JobTypes`; sending or working an unknown name does not
 * compile.
 */
export interface JobTypes {
  /** An offer to one operator was not answered in time. */
  'routing.offer-timeout': { tenantId: string; sessionId: string; offerId: string };
  /** A session waited in a group's queue for the group's max wait. */
  'routing.queue-timeout': { tenantId: string; sessionId: string; episode: number };
  /** A background export of sessions to a file. */
  'exports.run': { tenantId: string; jobId: string };
  /** An inbound messaging-platform message stored by its webhook: into a session (and its media). */
  'channels.inbound': { tenantId: string; accountId: string; messageId: string };
  /** An outbound line of a messaging session: send it to the platform (the outbox). */
  'channels.send': { tenantId: string; activityId: string };
  /** A recording stored by the ingest API: read its length, then it is ready (or failed). */
  'recordings.probe': { tenantId: string; recordingId: string };
}
export type JobName = keyof JobTypes;
const jobNames: readonly JobName[] = [
  'routing.offer-timeout',
  'routing.queue-timeout',
  'exports.run',
  'channels.inbound',
  'channels.send',
  'recordings.probe',
];

/**
 * Per queue: timers are short and many (retried fast, expired after 30 s, fetched in batches); an export
 * may stream a million rows, so it may run for up to an hour and each worker takes one at a time.
 */
const queueOptions: Record<
  JobName,
  {
    retryLimit: number;
    retryDelay: number;
    expireInSeconds: number;
    batchSize: number;
    retryBackoff?: boolean;
  }
> = {
  'routing.offer-timeout': { retryLimit: 5, retryDelay: 1, expireInSeconds: 30, batchSize: 20 },
  'routing.queue-timeout': { retryLimit: 5, retryDelay: 1, expireInSeconds: 30, batchSize: 20 },
  'exports.run': { retryLimit: 2, retryDelay: 5, expireInSeconds: 3600, batchSize: 1 },
  // Platform calls: exponential backoff from 2 s (pg-boss doubles the delay, with jitter), about 20
  // minutes in all before the sender gives up and marks the line failed itself (CHANNEL_SEND_ATTEMPTS).
  'channels.inbound': {
    retryLimit: 10,
    retryDelay: 2,
    expireInSeconds: 120,
    batchSize: 5,
    retryBackoff: true,
  },
  'channels.send': { retryLimit: 10, retryDelay: 2, expireInSeconds: 60, batchSize: 5, retryBackoff: true },
  // Reading a large file's length may take a while (an MP3 without a header is read to the end).
  'recordings.probe': { retryLimit: 3, retryDelay: 5, expireInSeconds: 600, batchSize: 1 },
};

export type JobHandler<N extends JobName> = (data: JobTypes[N]) => Promise<void>;

/* eslint-disable @typescript-eslint/no-explicit-any -- pg-boss's Db adapter is untyped SQL */
function kyselyAdapter(db: Kysely<any> | Transaction<any>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[] };
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface JobQueueOptions {
  /** How often an idle worker asks for due jobs (pg-boss's minimum is 0.5 s); timer precision. */
  pollingIntervalSeconds?: number;
}

export function jobQueue(db: Database, options: JobQueueOptions = {}) {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
  // The schema is created on first use, so sending works even where no worker runs (CLI, tests).
  const boss = new PgBoss({
    db: kyselyAdapter(db),
    schema: 'pgboss',
    supervise: false,
    schedule: false,
    migrate: true,
  });
  boss.on('error', (error: Error) => {
    onError(error);
  });
  let onError: (error: Error) => void = () => {};
  let ready: Promise<void> | undefined;
  // The instance that runs workers also runs pg-boss maintenance: a job whose worker died (kill -9)
  // expires after `expireInSeconds` and is retried by a live instance.
  let worker: PgBoss | undefined;
  let stopped = false;

  const ensureReady = (): Promise<void> => {
    ready ??= (async () => {
      await boss.start();
      for (const name of jobNames) {
        // Retries with a short delay: a handler that failed (database blip) runs again, on any instance.
        const { retryLimit, retryDelay, expireInSeconds, retryBackoff = false } = queueOptions[name];
        await boss.createQueue(name, { name, retryLimit, retryDelay, expireInSeconds, retryBackoff });
      }
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  return {
    /**
     * Schedules a job. Pass the transaction the job belongs to: the job then exists exactly when that
     * transaction commits. `afterSeconds` delays it (timers).
     */
    async send<N extends JobName>(
      name: N,
      data: JobTypes[N],
      send: { afterSeconds?: number; within?: Transaction<DB> | Database } = {},
    ): Promise<void> {
      await ensureReady();
      await boss.send(name, data, {
        ...(send.afterSeconds !== undefined ? { startAfter: send.afterSeconds } : {}),
        ...(send.within ? { db: kyselyAdapter(send.within) } : {}),
      });
    },

    /** Starts workers for the given handlers on this instance. */
    async work(handlers: { [N in JobName]: JobHandler<N> }, log: (error: Error) => void): Promise<void> {
      onError = log;
      await ensureReady();
      worker ??= new PgBoss({
        db: kyselyAdapter(db),
        schema: 'pgboss',
        supervise: true,
        maintenanceIntervalSeconds: 15,
        schedule: false,
        migrate: false,
      });
      worker.on('error', (error: Error) => {
        onError(error);
      });
      await worker.start();
      for (const name of jobNames) {
        const handler = handlers[name] as JobHandler<JobName>;
        const { batchSize } = queueOptions[name];
        const busy = worker;
        // Known once work() answers; a batch fetched before that just waits out the interval.
        const registered: { id?: string } = {};
        registered.id = await worker.work<JobTypes[JobName]>(
          name,
          { pollingIntervalSeconds, batchSize },
          async (jobs) => {
            try {
              // A failing job is retried by pg-boss; the others of the batch still complete.
              const results = await Promise.allSettled(jobs.map((job) => handler(job.data)));
              const failed = results.find((result) => result.status === 'rejected');
              if (failed) throw failed.reason;
            } finally {
              // pg-boss waits out the polling interval after every fetch, which caps a queue at
              // batchSize / interval (5 per 0.5 s: 10 messages a second). A full batch means more are
              // waiting: fetch again at once.
              if (jobs.length === batchSize && registered.id !== undefined) busy.notifyWorker(registered.id);
            }
          },
        );
      }
    },

    async stop(): Promise<void> {
      if (stopped || !ready) return;
      stopped = true;
      await ready.catch(() => {});
      await worker?.stop({ graceful: true, wait: true, close: false, timeout: 5_000 });
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 5_000 });
    },
  };
}

export type JobQueue = ReturnType<typeof jobQueue>;
