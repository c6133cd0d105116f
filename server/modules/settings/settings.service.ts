import type { Database } from '../../db/database';
import { settingsRepository } from './settings.repository';

/** A tenant's settings as every feature reads them. */
export interface TenantSettings {
  /** Operators see every session of the tenant, not only those they took part in. */
  operatorsSeeAllSessions: boolean;
  /** Recordings are made and the Recordings tab is shown. */
  recordingEnabled: boolean;
  recordingRetentionDays: number;
}

/** What a tenant without a settings row gets (the migration's column defaults). */
export const DEFAULT_SETTINGS: TenantSettings = {
  operatorsSeeAllSessions: false,
  recordingEnabled: false,
  recordingRetentionDays: 90,
};

/**
 * How long a read is reused. Settings are read on nearly every request (visibility depends on them);
 * a change made through this service is seen at once by this instance, and by other instances within
 * this time.
 */
export const SETTINGS_CACHE_MS = 5_000;

/**
 * The one read of a tenant's settings, with a short per-instance cache that a change through
 * `update` invalidates. Nothing else reads `tenant_settings` for these fields.
 */
export function settingsService(db: Database, options: { cacheMs?: number; now?: () => number } = {}) {
  const repo = settingsRepository(db);
  const cacheMs = options.cacheMs ?? SETTINGS_CACHE_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; settings: Promise<TenantSettings> }>();

  async function load(tenantId: string): Promise<TenantSettings> {
    const row = await repo.find(tenantId);
    if (!row) return DEFAULT_SETTINGS;
    return {
      operatorsSeeAllSessions: row.operators_see_all_sessions,
      recordingEnabled: row.recording_enabled,
      recordingRetentionDays: row.recording_retention_days,
    };
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

  return {
    get,

    async update(tenantId: string, patch: Partial<TenantSettings>): Promise<TenantSettings> {
      await repo.update(tenantId, {
        ...(patch.operatorsSeeAllSessions !== undefined
          ? { operators_see_all_sessions: patch.operatorsSeeAllSessions }
          : {}),
        ...(patch.recordingEnabled !== undefined ? { recording_enabled: patch.recordingEnabled } : {}),
        ...(patch.recordingRetentionDays !== undefined
          ? { recording_retention_days: patch.recordingRetentionDays }
          : {}),
      });
      cache.delete(tenantId);
      return get(tenantId);
    },
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
