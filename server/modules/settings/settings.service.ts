import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { invalid } from '../../platform/errors';
import { recordAudit } from '../audit/audit.repository';
import { settingsRepository, type SettingsRow } from './settings.repository';

export const exportSeparators = ['semicolon', 'comma'] as const;
export type ExportSeparator = (typeof exportSeparators)[number];

/** A tenant's settings as every feature reads them. */
export interface TenantSettings {
  /** Operators see every session of the tenant, not only those they took part in. */
  operatorsSeeAllSessions: boolean;
  /** Operators may ban a client from a session they see (admins and supervisors always may). */
  operatorsMayBan: boolean;
  /** Audio/video sessions are recorded. */
  recordingAv: boolean;
  /** Phone calls are recorded. */
  recordingPhone: boolean;
  recordingRetentionDays: number;
  /** How long files sent in sessions are kept. */
  fileRetentionDays: number;
  /** The CSV export's separator when a request names none. */
  exportSeparator: ExportSeparator;
  /** IANA time zone exports and the UI use when none is asked for. */
  timeZone: string;
  /** How long audit events are kept. */
  auditRetentionDays: number;
}

/** What a tenant without a settings row gets (the migrations' column defaults). */
export const DEFAULT_SETTINGS: TenantSettings = {
  operatorsSeeAllSessions: false,
  operatorsMayBan: false,
  recordingAv: false,
  recordingPhone: false,
  recordingRetentionDays: 365,
  fileRetentionDays: 730,
  exportSeparator: 'semicolon',
  timeZone: 'Europe/Prague',
  auditRetentionDays: 365,
};

/** Whether any recording is on: the Recordings tab of a session is shown. */
export function recordsAnything(settings: Pick<TenantSettings, 'recordingAv' | 'recordingPhone'>): boolean {
  return settings.recordingAv || settings.recordingPhone;
}

/**
 * How long a read is reused. Settings are read on nearly every request (visibility depends on them);
 * a change made through this service is seen at once by this instance and, through the change
 * notice (`onChange` → NOTIFY → `invalidate`), by the others as soon as it arrives; this time bounds
 * staleness if a notice is lost (an instance reconnecting its LISTEN connection).
 */
export const SETTINGS_CACHE_MS = 5_000;

function fromRow(row: SettingsRow): TenantSettings {
  return {
    operatorsSeeAllSessions: row.operators_see_all_sessions,
    operatorsMayBan: row.operators_may_ban,
    recordingAv: row.recording_av,
    recordingPhone: row.recording_phone,
    recordingRetentionDays: row.recording_retention_days,
    fileRetentionDays: row.file_retention_days,
    exportSeparator: row.export_separator === 'comma' ? 'comma' : 'semicolon',
    timeZone: row.time_zone,
    auditRetentionDays: row.audit_retention_days,
  };
}

function toRow(patch: Partial<TenantSettings>): Partial<SettingsRow> {
  const row: Partial<SettingsRow> = {};
  if (patch.operatorsSeeAllSessions !== undefined)
    row.operators_see_all_sessions = patch.operatorsSeeAllSessions;
  if (patch.operatorsMayBan !== undefined) row.operators_may_ban = patch.operatorsMayBan;
  if (patch.recordingAv !== undefined) row.recording_av = patch.recordingAv;
  if (patch.recordingPhone !== undefined) row.recording_phone = patch.recordingPhone;
  if (patch.recordingRetentionDays !== undefined) row.recording_retention_days = patch.recordingRetentionDays;
  if (patch.fileRetentionDays !== undefined) row.file_retention_days = patch.fileRetentionDays;
  if (patch.exportSeparator !== undefined) row.export_separator = patch.exportSeparator;
  if (patch.timeZone !== undefined) row.time_zone = patch.timeZone;
  if (patch.auditRetentionDays !== undefined) row.audit_retention_days = patch.auditRetentionDays;
  return row;
}

/**
 * The one read of a tenant's settings, with a short per-instance cache that a change through
 * `update` invalidates here at once and, through `onChange`, on every other instance.
 */
export function settingsService(db: Database, options: { cacheMs?: number; now?: () => number } = {}) {
  const repo = settingsRepository(db);
  const cacheMs = options.cacheMs ?? SETTINGS_CACHE_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; settings: Promise<TenantSettings> }>();
  let changed: (tenantId: string) => Promise<void> = async () => {};

  async function load(tenantId: string): Promise<TenantSettings> {
    const row = await repo.find(tenantId);
    return row ? fromRow(row) : DEFAULT_SETTINGS;
  }

  function get(tenantId: string): Promise<TenantSettings> {
    const cached = cache.get(tenantId);
    if (cached && now() - cached.at < cacheMs) return cached.settings;
    const settings = load(tenantId);
    cache.set(tenantId, { at: now(), settings });
    // A failed read is not remembered.
    settings.catch(() => cache.delete(tenantId));
    return settings;
  }

  /** Applies a change (without audit: the demo and the CLI); the cache of every instance is dropped. */
  async function update(tenantId: string, patch: Partial<TenantSettings>): Promise<TenantSettings> {
    const after = fromRow(await repo.update(tenantId, toRow(patch)));
    await afterChange(tenantId);
    return after;
  }

  async function afterChange(tenantId: string): Promise<void> {
    cache.delete(tenantId);
    await changed(tenantId);
  }

  return {
    get,
    update,

    /**
     * A person's change: applied and audited with the values before and after (only the fields that
     * changed) in one transaction, then announced to every instance.
     */
    async change(principal: Principal, patch: Partial<TenantSettings>): Promise<TenantSettings> {
      if (patch.timeZone !== undefined && !(await repo.isValidTimeZone(patch.timeZone))) {
        throw invalid(
          `timeZone: "${patch.timeZone.slice(0, 64)}" is not a time zone such as Europe/Prague or UTC.`,
          {
            parameter: 'timeZone',
          },
        );
      }
      const after = await db.transaction().execute(async (trx) => {
        const trxRepo = settingsRepository(trx);
        const beforeRow = await trxRepo.findForUpdate(principal.tenantId);
        const before = beforeRow ? fromRow(beforeRow) : DEFAULT_SETTINGS;
        const updated = fromRow(await trxRepo.update(principal.tenantId, toRow(patch)));
        const fields = (Object.keys(updated) as (keyof TenantSettings)[]).filter(
          (key) => updated[key] !== before[key],
        );
        if (fields.length > 0) {
          await recordAudit(trx, principal, {
            action: 'settings.update',
            objectType: 'settings',
            objectId: principal.tenantId,
            data: {
              before: Object.fromEntries(fields.map((key) => [key, before[key]])),
              after: Object.fromEntries(fields.map((key) => [key, updated[key]])),
            },
          });
        }
        return updated;
      });
      await afterChange(principal.tenantId);
      return after;
    },

    /** Forgets a tenant's cached settings (another instance changed them). */
    invalidate(tenantId: string): void {
      cache.delete(tenantId);
    },

    /** Who to tell after a change (wired to the event bus by createServices). */
    onChange(listener: (tenantId: string) => Promise<void>): void {
      changed = listener;
    },
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
