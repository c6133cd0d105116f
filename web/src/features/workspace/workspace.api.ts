import { apiRequest, currentCsrfToken } from '../../lib/api';
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
  /** "I am typing": the caller sends it at most every TYPING_EVERY_MS. */
  typing: (id: string) => apiRequest<unknown>(`${session(id)}/typing`, { method: 'POST' }),
  /** Sends a file as the raw body, reporting progress (fetch cannot report an upload's progress). */
  upload: (id: string, file: File, onProgress: (fraction: number) => void) =>
    new Promise<void>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `${session(id)}/files?${new URLSearchParams({ name: file.name }).toString()}`);
      request.setRequestHeader('Content-Type', 'application/octet-stream');
      const csrf = currentCsrfToken();
      if (csrf) request.setRequestHeader('X-CSRF-Token', csrf);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) return resolve();
        let message = request.statusText;
        try {
          message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
        } catch {
          // not JSON: keep the status text
        }
        reject(new Error(message || String(request.status)));
      };
      request.onerror = () => reject(new Error('The server could not be reached.'));
      request.send(file);
    }),
  transcript: (id: string, language: string, signal?: AbortSignal) =>
    apiRequest<{ items: SeatActivity[] }>(`${session(id)}/transcript`, { language, signal }),
};

/** How often the seat tells the client it is typing (the server passes on one event per 2 s). */
export const TYPING_EVERY_MS = 2_500;

/** The URL of a file of a session's transcript, for colleagues (`download` saves it). */
export function fileUrl(sessionId: string, activityId: string, download = false): string {
  const path = `/api/v1/sessions/${encodeURIComponent(sessionId)}/files/${encodeURIComponent(activityId)}`;
  return download ? `${path}?download=1` : path;
}

/** Sniffed images the server shows inline (the rest is served as bytes to save). */
export const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const workspaceKeys = {
  overview: ['workspace', 'overview'] as const,
  transcript: (id: string) => ['workspace', 'transcript', id] as const,
};
