import type { Database } from '../../db/database';
import { eventBus } from '../../platform/events/event-bus';
import { jobQueue } from '../../platform/jobs/job-queue';
import type { Log } from '../../platform/log';
import type { SessionVisibility } from '../sessions/session-visibility';
import { routingViewService } from '../routing/routing-view.service';
import { routingService } from '../routing/routing.service';
import { liveFeedService } from './live-feed.service';
import { liveRuntime } from './live.runtime';
import { liveService } from './live.service';

/**
 * Live sessions' services, wired together: the event bus and job queue (platform adapters), the
 * routing engine, the routing view, the parties' service, and the runtime that starts the background
 * parts. `serve` starts the runtime; the CLI and most tests never do (sending jobs and publishing
 * events still work without it).
 */
export function liveServices(
  db: Database,
  options: {
    visibility: SessionVisibility;
    log: Log;
    runExport?: (tenantId: string, jobId: string) => Promise<void>;
    sweepJobs?: () => Promise<unknown>;
    channels?: {
      processInbound: (job: { tenantId: string; accountId: string; messageId: string }) => Promise<void>;
      deliver: (job: { tenantId: string; activityId: string }) => Promise<void>;
      syncTemplates?: () => Promise<unknown>;
    };
    recordings?: { probe: (job: { tenantId: string; recordingId: string }) => Promise<void> };
    housekeeping?: () => Promise<unknown>;
  },
) {
  const { visibility, log, ...runtimeOptions } = options;
  const events = eventBus(db);
  const jobs = jobQueue(db);
  const routing = routingService(db, { events, jobs, log });
  const live = liveService(db, { routing, visibility, events });
  return {
    events,
    jobs,
    routing,
    routingView: routingViewService(db, { visibility }),
    live,
    liveFeed: liveFeedService(db, { events, visibility, live }),
    liveRuntime: liveRuntime({ events, jobs, routing, ...runtimeOptions }),
  };
}
