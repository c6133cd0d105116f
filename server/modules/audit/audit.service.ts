import type { Database } from '../../db/database';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../platform/keyset-cursor';
import type { Principal } from '../../platform/auth/principal';
import { csvWriter, safeCell, type CsvSeparator } from '../exports/csv-writer';
import type { SettingsService } from '../settings/settings.service';
import {
  auditRepository,
  recordAudit,
  type AuditFilter,
  type AuditKey,
  type AuditRow,
} from './audit.repository';

export type { AuditFilter };

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
const EXPORT_BATCH = 1_000;

function present(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_user_id
      ? { kind: 'user' as const, id: row.actor_user_id, name: row.actor_user_name ?? `#${row.actor_user_id}` }
      : row.actor_api_key_id
        ? {
            kind: 'api_key' as const,
            id: row.actor_api_key_id,
            name: row.actor_api_key_name ?? `#${row.actor_api_key_id}`,
          }
        : { kind: 'system' as const, id: null, name: null },
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    data: (row.data ?? {}) as Record<string, unknown>,
    ip: row.ip,
  };
}

export type AuditEvent = ReturnType<typeof present>;

const headers = {
  cs: ['Čas', 'Kdo', 'Akce', 'Typ objektu', 'ID objektu', 'IP adresa', 'Podrobnosti'],
  en: ['Time', 'Actor', 'Action', 'Object type', 'Object ID', 'IP address', 'Details'],
} as const;

/** "2026-12-01 19:04:05" in the time zone, which Excel and LibreOffice read as a date-time. */
function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The audit log as people read it: filtered pages, the actions in use, a CSV export, the purge. */
export function auditService(db: Database, deps: { settings: Pick<SettingsService, 'get'> }) {
  const repo = auditRepository(db);

  return {
    async list(principal: Principal, filter: AuditFilter, cursor: string | undefined, limit: number) {
      const after = cursor ? decodeTimeIdCursor(cursor) : null;
      const rows = await repo.page(principal.tenantId, filter, after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(present),
        nextCursor: rows.length > limit && last ? encodeTimeIdCursor({ at: last.at_key, id: last.id }) : null,
      };
    },

    actions(principal: Principal) {
      return repo.actions(principal.tenantId);
    },

    /**
     * The filtered log as CSV (UTF-8 with BOM, CRLF, the tenant's separator unless given, cells safe
     * from formula injection as in the sessions export), read in keyset batches so memory stays flat.
     * The export itself is audited first.
     */
    async exportCsv(
      principal: Principal,
      filter: AuditFilter,
      options: { lang: 'cs' | 'en'; separator?: CsvSeparator; ip: string | null },
    ) {
      const settings = await deps.settings.get(principal.tenantId);
      const writer = csvWriter(options.separator ?? settings.exportSeparator);
      await recordAudit(db, principal, {
        action: 'audit.export',
        objectType: 'audit_log',
        data: { filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() } },
        ip: options.ip,
      });
      const lang = options.lang;
      const tenantId = principal.tenantId;
      async function* body(): AsyncGenerator<string> {
        yield writer.header([...headers[lang]]);
        let after: AuditKey | null = null;
        for (;;) {
          const rows = await repo.page(tenantId, filter, after, EXPORT_BATCH);
          if (rows.length === 0) return;
          yield writer.rows(
            rows.map((row) => {
              const event = present(row);
              return [
                localTime(new Date(row.at), settings.timeZone),
                event.actor.kind === 'system'
                  ? ''
                  : `${event.actor.name} (${event.actor.kind === 'user' ? '' : 'API '}#${event.actor.id})`,
                event.action,
                event.objectType,
                event.objectId,
                event.ip,
                JSON.stringify(event.data),
              ].map((cell) => safeCell(cell, lang));
            }),
          );
          const last = rows.at(-1);
          if (!last || rows.length < EXPORT_BATCH) return;
          after = { at: last.at_key, id: last.id };
        }
      }
      const date = new Date().toISOString().slice(0, 10);
      return { fileName: `audit-log-${date}.csv`, body: body() };
    },

    /** Removes entries past each tenant's retention (the only delete the database admits). */
    purgeExpired() {
      return repo.purgeExpired();
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
