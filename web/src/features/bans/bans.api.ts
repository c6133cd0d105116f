import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

export type BanPage = ApiResponse<'/api/v1/bans', 'get'>;
export type Ban = BanPage['items'][number];
export type NewBan = ApiRequestBody<'/api/v1/bans', 'post'>;
export type BanIdentity = NewBan['identities'][number];
export type SessionClient = ApiResponse<'/api/v1/sessions/{id}/client-identities', 'get'>;

/** The Blacklist's filters, under exactly the API's parameter names (also the page's URL state). */
export const banFilterNames = ['active', 'channel', 'identity'] as const;
export type BanFilters = Partial<Record<(typeof banFilterNames)[number], string>>;

export const bansApi = {
  page: (filters: BanFilters, cursor: string | undefined, signal?: AbortSignal) =>
    apiRequest<BanPage>('/api/v1/bans', { query: { ...filters, cursor, limit: 50 }, signal }),
  create: (body: NewBan) => apiRequest<Ban>('/api/v1/bans', { method: 'POST', body }),
  lift: (id: string, reason: string) =>
    apiRequest<Ban>(`/api/v1/bans/${encodeURIComponent(id)}/lift`, { method: 'POST', body: { reason } }),
  sessionClient: (sessionId: string, signal?: AbortSignal) =>
    apiRequest<SessionClient>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/client-identities`, {
      signal,
    }),
};

export const banKeys = {
  all: ['bans'] as const,
  page: (filters: BanFilters) => ['bans', 'page', filters] as const,
  sessionClient: (sessionId: string) => ['bans', 'session', sessionId] as const,
};
