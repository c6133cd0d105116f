import type pg from 'pg';
import type { EventBus } from '../../platform/events/event-bus';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { RoutingService } from '../routing/routing.service';

export interface LiveRuntimeLog {
  warn(message: string, error?: unknown): void;
}

export interface LiveRuntimeOptions {
  /** How to open the LISTEN connection (the pool's options). */
  connection: pg.ClientConfig;
  log: LiveRuntimeLog;
  /** How often this instance looks for waiting sessions nobody is offered (crash safety net). */
  sweepIntervalMs?: number;
  /** How often this instance checks every live session against the engine's invariant and repairs it. */
  invariantIntervalMs?: number;
}

const JOB_SWEEP_EVERY_MS = 15_000;
const INVARIANT_CHECK_EVERY_MS = 30_000;
const HOUSEKEEPING_EVERY_MS = 6 * 60 * 60 * 1000;
/** How often an instance looks for WhatsApp accounts whose templates are a day old (cheap when none). */
const TEMPLATE_SYNC_CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The background half of live sessions on one instance: the LISTEN connection that receives live
 * events from every instance, the job workers that fire offer and queue timers, and the sweep that
 * finds waiting sessions a crashed instance left unoffered. Any number of instances run it at once.
 */
export function liveRuntime(deps: {
  events: EventBus;
  jobs: JobQueue;
  routing: RoutingService;
  /** Runs one background export; wired by createServices once the export service exists. */
  runExport?: (tenantId: string, jobId: string) => Promise<void>;
  /** The channels' workers: an inbound message into its session, an outbound line to its platform. */
  channels?: {
    processInbound: (job: { tenantId: string; accountId: string; messageId: string }) => Promise<void>;
    deliver: (job: { tenantId: string; activityId: string }) => Promise<void>;
    /** WhatsApp templates of accounts not synchronised for a day (each account once a day). */
    syncTemplates?: () => Promise<unknown>;
  };
  /** The recordings' worker: a stored recording is probed (length) and becomes ready. */
  recordings?: { probe: (job: { tenantId: string; recordingId: string }) => Promise<void> };
  /** Fails background jobs whose worker died (at start, then every 15 s); wired like runExport. */
  sweepJobs?: () => Promise<unknown>;
  /** Retention work (the audit log's purge, recordings and files past retention): at start, then every 6 hours; idempotent on any instance. */
  housekeeping?: () => Promise<unknown>;
}) {
  const timers: NodeJS.Timeout[] = [];
  let started = false;

  /** Runs `work` every `ms` on this instance; a run still going when the next is due is not doubled. */
  function repeat(ms: number, work: () => Promise<unknown>, failed: (error: unknown) => void): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      work()
        .catch(failed)
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  return {
    async start(options: LiveRuntimeOptions): Promise<void> {
      if (started) return;
      started = true;
      const warn = (message: string) => (error: unknown) => options.log.warn(message, error);
      await deps.events.start(options.connection, options.log);
      await deps.jobs.work(
        {
          'routing.offer-timeout': (data) => deps.routing.offerTimedOut(data),
          'routing.queue-timeout': (data) => deps.routing.queueTimedOut(data),
          'exports.run': async (data) => {
            if (!deps.runExport) throw new Error('no export runner is wired');
            await deps.runExport(data.tenantId, data.jobId);
          },
          'channels.inbound': async (data) => {
            if (!deps.channels) throw new Error('no channels worker is wired');
            await deps.channels.processInbound(data);
          },
          'channels.send': async (data) => {
            if (!deps.channels) throw new Error('no channels worker is wired');
            await deps.channels.deliver(data);
          },
          'recordings.probe': async (data) => {
            if (!deps.recordings) throw new Error('no recordings worker is wired');
            await deps.recordings.probe(data);
          },
        },
        warn('job queue error'),
      );
      repeat(
        options.sweepIntervalMs ?? 5_000,
        () => deps.routing.sweep(),
        warn('sweep of waiting sessions failed'),
      );
      repeat(
        options.invariantIntervalMs ?? INVARIANT_CHECK_EVERY_MS,
        () => deps.routing.checkInvariant(),
        warn('check of the live sessions invariant failed'),
      );
      if (deps.sweepJobs) {
        const sweepJobs = deps.sweepJobs;
        // At start: what a crashed predecessor left "running" is settled before new work is taken.
        await sweepJobs().catch(warn('sweep of abandoned jobs failed'));
        repeat(JOB_SWEEP_EVERY_MS, sweepJobs, warn('sweep of abandoned jobs failed'));
      }
      if (deps.channels?.syncTemplates) {
        const syncTemplates = deps.channels.syncTemplates;
        repeat(TEMPLATE_SYNC_CHECK_EVERY_MS, syncTemplates, warn('WhatsApp template synchronisation failed'));
      }
      if (deps.housekeeping) {
        void deps.housekeeping().catch(warn('housekeeping failed'));
        repeat(HOUSEKEEPING_EVERY_MS, deps.housekeeping, warn('housekeeping failed'));
      }
    },

    async stop(): Promise<void> {
      if (!started) return;
      started = false;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await deps.jobs.stop();
      await deps.events.stop();
    },
  };
}

export type LiveRuntime = ReturnType<typeof liveRuntime>;
