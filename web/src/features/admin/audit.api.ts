import { apiRequest } from '../../lib/api';
import type { ApiResponse } from '../../lib/api-schema';

export type AuditPage = ApiResponse<'/api/v1/audit-events', 'get'>;
export type AuditEvent = AuditPage['items'][number];

/** The audit log's filters, under exactly the API's parameter names (also the page's URL state). */
export const auditFilterNames = ['actor', 'action', 'objectType', 'objectId', 'from', 'to'] as const;
export type AuditFilters = Partial<Record<(typeof auditFilterNames)[number], string>>;

export const auditApi = {
  page: (filters: AuditFilters, cursor: string | undefined, signal?: AbortSignal) =>
    apiRequest<AuditPage>('/api/v1/audit-events', { query: { ...filters, cursor, limit: 50 }, signal }),
  actions: (signal?: AbortSignal) =>
    apiRequest<{ items: string[] }>('/api/v1/audit-events/actions', { signal }),
  exportUrl: (filters: AuditFilters, lang: string) => {
    const params = new URLSearchParams({ lang });
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    return `/api/v1/audit-events/export.csv?${params.toString()}`;
  },
};

export const auditKeys = {
  page: (filters: AuditFilters) => ['admin', 'audit', filters] as const,
  actions: ['admin', 'audit', 'actions'] as const,
};
