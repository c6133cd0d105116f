import type { Database } from '../../db/database';
import { forbidden, invalid } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { preferenceRepository } from './preference.repository';

/** The largest preference value, as JSON text. */
export const MAX_PREFERENCE_BYTES = 64 * 1024;

/** Preferences belong to a user (chosen columns, their order, …); an API key without a user has none. */
export function preferenceService(db: Database) {
  const repo = preferenceRepository(db);

  const userOf = (principal: Principal): string => {
    if (!principal.userId) {
      throw forbidden('Preferences belong to a user; this API key acts for no user, so it has none.');
    }
    return principal.userId;
  };

  return {
    async get(principal: Principal, key: string) {
      const row = await repo.find(principal.tenantId, userOf(principal), key);
      return { key, value: row?.value ?? null, updatedAt: row?.updated_at ?? null };
    },

    async put(principal: Principal, key: string, value: unknown) {
      const userId = userOf(principal);
      if (value === undefined) throw invalid('value: required (any JSON).', { parameter: 'value' });
      if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_PREFERENCE_BYTES) {
        throw invalid(`value: at most ${MAX_PREFERENCE_BYTES / 1024} KiB of JSON.`, { parameter: 'value' });
      }
      const row = await repo.save(principal.tenantId, userId, key, value);
      return { key, value: row.value, updatedAt: row.updated_at };
    },
  };
}

export type PreferenceService = ReturnType<typeof preferenceService>;
