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
}

const JOB_SWEEP_EVERY_MS = 15_000;
const HOUSEKEEPING_EVERY_MS = 6 * 60 * 60 * 1000;

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
  /** Fails background jobs whose worker died (at start, then every 15 s); wired like runExport. */
  sweepJobs?: () => Promise<unknown>;
  /** Retention work (the audit log's purge): at start, then every 6 hours; idempotent on any instance. */
  housekeeping?: () => Promise<unknown>;
}) {
  let sweepTimer: NodeJS.Timeout | undefined;
  let jobSweepTimer: NodeJS.Timeout | undefined;
  let housekeepingTimer: NodeJS.Timeout | undefined;
  let started = false;

  return {
    async start(options: LiveRuntimeOptions): Promise<void> {
      if (started) return;
      started = true;
      const warn = (message: string) => (error: unknown) => options.log.warn(message, error);
      deps.routing.setLog(options.log);
      await deps.events.start(options.connection, options.log);
      await deps.jobs.work(
        {
          'routing.offer-timeout': (data) => deps.routing.offerTimedOut(data),
          'routing.queue-timeout': (data) => deps.routing.queueTimedOut(data),
          'exports.run': async (data) => {
            if (!deps.runExport) throw new Error('no export runner is wired');
            await deps.runExport(data.tenantId, data.jobId);
          },
        },
        warn('job queue error'),
      );
      let sweeping = false;
      sweepTimer = setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        deps.routing
          .sweep()
          .catch(warn('sweep of waiting sessions failed'))
          .finally(() => {
            sweeping = false;
          });
      }, options.sweepIntervalMs ?? 5_000);
      sweepTimer.unref();
      if (deps.sweepJobs) {
        const sweepJobs = deps.sweepJobs;
        // At start: what a crashed predecessor left "running" is settled before new work is taken.
        await sweepJobs().catch(warn('sweep of abandoned jobs failed'));
        jobSweepTimer = setInterval(() => {
          void sweepJobs().catch(warn('sweep of abandoned jobs failed'));
        }, JOB_SWEEP_EVERY_MS);
        jobSweepTimer.unref();
      }
      if (deps.housekeeping) {
        const housekeeping = deps.housekeeping;
        void housekeeping().catch(warn('housekeeping failed'));
        housekeepingTimer = setInterval(() => {
          void housekeeping().catch(warn('housekeeping failed'));
        }, HOUSEKEEPING_EVERY_MS);
        housekeepingTimer.unref();
      }
    },

    async stop(): Promise<void> {
      if (!started) return;
      started = false;
      if (sweepTimer) clearInterval(sweepTimer);
      if (jobSweepTimer) clearInterval(jobSweepTimer);
      if (housekeepingTimer) clearInterval(housekeepingTimer);
      housekeepingTimer = undefined;
      sweepTimer = undefined;
      jobSweepTimer = undefined;
      await deps.jobs.stop();
      await deps.events.stop();
    },
  };
}

export type LiveRuntime = ReturnType<typeof liveRuntime>;
