import { restorableChannels } from '../../../../common/domain';
import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

/** `GET /api/v1/sessions/:id/restore`: what restoring the ended session allows now. */
export type RestoreOptions = ApiResponse<'/api/v1/sessions/{id}/restore', 'get'>;
export type RestoreRequest = ApiRequestBody<'/api/v1/sessions/{id}/restore', 'post'>;
export type RestoreResult = ApiResponse<'/api/v1/sessions/{id}/restore', 'post'>;
export type RestoreTemplate = RestoreOptions['templates'][number];

export const restoreApi = {
  options: (sessionId: string, signal?: AbortSignal) =>
    apiRequest<RestoreOptions>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/restore`, { signal }),
  restore: (sessionId: string, body: RestoreRequest) =>
    apiRequest<RestoreResult>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/restore`, {
      method: 'POST',
      body,
    }),
};

export const restoreKeys = {
  options: (sessionId: string) => ['sessions', 'restore', sessionId] as const,
};

/** An ended session of one of the messaging channels: the detail offers Restore. */
export function offersRestore(session: { status: string; channel: string }): boolean {
  return session.status === 'closed' && (restorableChannels as readonly string[]).includes(session.channel);
}
