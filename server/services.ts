import type { Config } from './config';
import type { Database } from './db/database';
import { silentLog, type Log } from './platform/log';
import { credentialCache } from './platform/auth/credential-cache';
import { loadSecretKey, secretBox } from './platform/auth/secret-box';
import { channelAccountService } from './modules/channels/channel-account.service';
import { channelMessagingService } from './modules/channels/channel-messaging.service';
import { whatsappTemplateService } from './modules/channels/whatsapp-template.service';
import { restoreService } from './modules/restore/restore.service';
import { apiKeyService } from './modules/api-keys/api-key.service';
import { auditService } from './modules/audit/audit.service';
import { banService } from './modules/bans/ban.service';
import { authService } from './modules/auth/auth.service';
import { demoService } from './modules/demo/demo.service';
import { groupService } from './modules/groups/group.service';
import { ruleService } from './modules/routing-rules/rule.service';
import { widgetService } from './modules/widgets/widget.service';
import { exportService } from './modules/exports/export.service';
import { importService } from './modules/imports/import.service';
import { liveServices } from './modules/live/live.services';
import { noteService } from './modules/notes/note.service';
import { preferenceService } from './modules/preferences/preference.service';
import { sessionFacts, type FactsOptions } from './modules/sessions/session-facts';
import { FACET_ESTIMATE } from './modules/sessions/session-estimates';
import { sessionService } from './modules/sessions/session.service';
import { sessionVisibility } from './modules/sessions/session-visibility';
import { settingsService } from './modules/settings/settings.service';
import { tenantService } from './modules/tenants/tenant.service';
import { recordingService } from './modules/recordings/recording.service';
import { fileService } from './modules/files/file.service';
import { openObjectStore } from './platform/storage/open-store';
import { userService } from './modules/users/user.service';

/** The services of the application, wired once; routes and the CLI receive them explicitly. */
export function createServices(
  db: Database,
  config: Pick<
    Config,
    | 'sessionTtlHours'
    | 'dataDir'
    | 'secretKey'
    | 'publicUrl'
    | 'storage'
    | 'maxRecordingBytes'
    | 'maxFileBytes'
  > &
    Partial<Pick<Config, 'facetIndex'>>,
  options: {
    log?: Log;
    /** The clock of the messaging windows (tests move it to a window's exact edges). */
    now?: () => Date;
    /** The facet index's thresholds (tests load small tenants). */
    facts?: Partial<Omit<FactsOptions, 'log'>>;
  } = {},
) {
  const log = options.log ?? silentLog;
  const now = options.now ?? (() => new Date());
  // Background exports are jobs in the database-backed queue, worked by the runtime of whichever
  // instance fetches them; the two refer to each other only when a job is sent or run.
  const tenants = tenantService(db);
  const settings = settingsService(db);
  const visibility = sessionVisibility(settings);
  // Counts filter lists and totals of large tenants in memory (one per process, kept current by reads
  // of what changed, see session-facts.ts).
  const { rareCountMs = FACET_ESTIMATE.exactBudgetMs, ...indexSettings } = config.facetIndex ?? {};
  const factsOptions = { ...indexSettings, ...options.facts };
  const facts = factsOptions.maxSessions === 0 ? undefined : sessionFacts(db, { log, ...factsOptions });
  const sessions = sessionService(db, {
    visibility,
    settings,
    log,
    facts,
    facetEstimate: { ...FACET_ESTIMATE, exactBudgetMs: rareCountMs },
  });
  const audit = auditService(db, { settings });
  // Recordings and session files: bytes in the object store, metadata in PostgreSQL.
  const store = openObjectStore(config.storage);
  const files = fileService(db, { store, sessions, log, maxBytes: config.maxFileBytes });
  const live = liveServices(db, {
    housekeeping: async () => {
      await audit.purgeExpired();
      await recordings.applyRetention();
      await files.applyRetention();
      await files.adoptChannelFiles();
    },
    recordings: { probe: (job) => recordings.probe(job) },
    visibility,
    log,
    runExport: (tenantId, jobId) => exports.runJob(tenantId, jobId),
    sweepJobs: () => exports.failStaleJobs(),
    channels: {
      processInbound: (job) => channels.processInbound(job),
      deliver: (job) => channels.deliver(job),
      syncTemplates: () => whatsappTemplates.syncDue(),
    },
  });
  const exports = exportService(db, {
    visibility,
    dataDir: config.dataDir,
    schedule: (job) => live.jobs.send('exports.run', job),
  });
  const box = secretBox(() => loadSecretKey(config.secretKey, config.dataDir));
  const channelAccounts = channelAccountService(db, { box, publicUrl: config.publicUrl });
  // Messaging platforms: webhooks in, the outbox out; every operator line passes its transcript hook.
  const channels = channelMessagingService(db, {
    accounts: channelAccounts,
    routing: live.routing,
    jobs: live.jobs,
    events: live.events,
    files,
    box,
    log,
    now,
  });
  live.routing.setTranscriptHook(channels.transcriptHook);
  const recordings = recordingService(db, {
    store,
    sessions,
    settings,
    jobs: live.jobs,
    events: live.events,
    log,
    maxBytes: config.maxRecordingBytes,
  });
  // Bans are not cached anywhere: every door reads them (one indexed lookup), so a lift applies at once.
  const bans = banService(db, {
    settings,
    visibility,
    endBanned: (tenantId, sessionId) => live.routing.endBanned(tenantId, sessionId),
    log,
  });
  const whatsappTemplates = whatsappTemplateService(db, { accounts: channelAccounts, log });
  const restore = restoreService(db, {
    sessions,
    accounts: channelAccounts,
    templates: whatsappTemplates,
    routing: live.routing,
    now,
  });
  // A settings change drops the cached settings of every instance (NOTIFY on the config channel), and
  // a change of who may use a credential drops what the tenant's credentials resolved to.
  settings.onChange((tenantId) => live.events.publishConfig({ tenantId, topic: 'settings' }));
  const credentials = credentialCache();
  const credentialsChanged = (tenantId: string) => {
    credentials.forget(tenantId);
    live.events
      .publishConfig({ tenantId, topic: 'credentials' })
      .catch((error: unknown) => log.error({ err: error, tenantId }, 'credential change notice failed'));
  };
  live.events.onConfig((change) => {
    if (change.topic === 'settings') settings.invalidate(change.tenantId);
    if (change.topic === 'credentials') credentials.forget(change.tenantId);
  });
  return {
    db,
    channelAccounts,
    channels,
    whatsappTemplates,
    restore,
    auth: authService(db, { sessionTtlHours: config.sessionTtlHours, settings, credentials }),
    tenants,
    audit,
    bans,
    groups: groupService(db),
    rules: ruleService(db),
    widgets: widgetService(db),
    users: userService(db, {
      setOffline: (tenantId, userId) => live.routing.setOperatorState(tenantId, userId, 'offline'),
      credentialsChanged,
    }),
    apiKeys: apiKeyService(db, { credentialsChanged }),
    imports: importService(db),
    demo: demoService(db, tenants, settings),
    settings,
    visibility,
    sessions,
    facts,
    notes: noteService(db, sessions),
    preferences: preferenceService(db),
    exports,
    store,
    recordings,
    files,
    box,
    ...live,
  };
}

export type Services = ReturnType<typeof createServices>;
