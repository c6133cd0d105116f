import { apiRequest } from '../../lib/api';
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

/** The operator's seat: `GET /api/v1/live/operator` and the session actions of the operator API. */
export type OperatorOverview = ApiResponse<'/api/v1/live/operator', 'get'>;
export type OperatorState = ApiRequestBody<'/api/v1/live/operator/state', 'put'>['state'];
export type Offer = OperatorOverview['offers'][number];
export type OperatorSession = OperatorOverview['sessions'][number];
export type SeatActivity = ApiResponse<
  '/api/v1/live/operator/sessions/{id}/transcript',
  'get'
>['items'][number];

const base = '/api/v1/live/operator';
const session = (id: string) => `${base}/sessions/${encodeURIComponent(id)}`;

export const workspaceApi = {
  overview: (signal?: AbortSignal) => apiRequest<OperatorOverview>(base, { signal }),
  setState: (state: OperatorState) =>
    apiRequest<unknown>(`${base}/state`, { method: 'PUT', body: { state } }),
  accept: (id: string) => apiRequest<unknown>(`${session(id)}/accept`, { method: 'POST' }),
  decline: (id: string) => apiRequest<unknown>(`${session(id)}/decline`, { method: 'POST' }),
  end: (id: string, result: string | undefined) =>
    apiRequest<unknown>(`${session(id)}/end`, { method: 'POST', body: result ? { result } : {} }),
  send: (id: string, text: string) =>
    apiRequest<unknown>(`${session(id)}/messages`, { method: 'POST', body: { text } }),
  transcript: (id: string, language: string, signal?: AbortSignal) =>
    apiRequest<{ items: SeatActivity[] }>(`${session(id)}/transcript`, { language, signal }),
};

export const workspaceKeys = {
  overview: ['workspace', 'overview'] as const,
  transcript: (id: string) => ['workspace', 'transcript', id] as const,
};
