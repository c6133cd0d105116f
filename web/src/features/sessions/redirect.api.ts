import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';
import type { RoutingTimeline } from './sessions.api';

/** `GET /api/v1/routing/targets`: where a manager can redirect a live session. */
export type RoutingTargets = ApiResponse<'/api/v1/routing/targets', 'get'>;
export type RedirectTarget = ApiRequestBody<'/api/v1/sessions/{id}/redirect', 'post'>;

export const redirectApi = {
  targets: (signal?: AbortSignal) => apiRequest<RoutingTargets>('/api/v1/routing/targets', { signal }),
  redirect: (sessionId: string, target: RedirectTarget) =>
    apiRequest<RoutingTimeline>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/redirect`, {
      method: 'POST',
      body: target,
    }),
};

export const redirectKeys = {
  targets: ['routing', 'targets'] as const,
};

/** Live statuses a session can be redirected from. */
export const redirectableStatuses: readonly string[] = ['queued', 'offered', 'active', 'after_work'];
