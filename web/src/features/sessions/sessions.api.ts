import type { Column } from '../../../../common/columns';
import { apiRequest } from '../../lib/api';
import type { ApiResponse } from '../../lib/api-schema';

/** Shapes of the sessions API, generated from its OpenAPI document (lib/api-schema.ts). */

export type { Column };

export type SessionPage = ApiResponse<'/api/v1/sessions', 'get'>;
export type SessionItem = SessionPage['items'][number];
export type Named = NonNullable<SessionItem['group']>;
export type SnippetSegment = NonNullable<SessionItem['match']>['snippet'][number];
export type FacetAnswer = ApiResponse<'/api/v1/sessions/facets/{column}', 'get'>;
export type FacetValue = FacetAnswer['values'][number];
export type SessionDetail = ApiResponse<'/api/v1/sessions/{id}', 'get'>;
export type Participant = SessionDetail['participants'][number];
export type TranscriptPage = ApiResponse<'/api/v1/sessions/{id}/transcript', 'get'>;
export type Activity = TranscriptPage['items'][number];
export type Note = ApiResponse<'/api/v1/sessions/{id}/notes', 'post', 201>;
export type RoutingTimeline = ApiResponse<'/api/v1/sessions/{id}/routing', 'get'>;
export type NoteList = ApiResponse<'/api/v1/sessions/{id}/notes', 'get'>;
export type RecordingList = ApiResponse<'/api/v1/sessions/{id}/recordings', 'get'>;
export type Recording = RecordingList['recordings'][number];
export type SessionCount = ApiResponse<'/api/v1/sessions/count', 'get'>;

/** Query parameters of the list: view, q, sort and every filter, exactly as the API names them. */
export type ListParams = Readonly<Record<string, string>>;

const base = '/api/v1/sessions';
const enc = encodeURIComponent;

export const sessionsApi = {
  columns: (signal?: AbortSignal) => apiRequest<{ columns: Column[] }>(`${base}/columns`, { signal }),
  list: (params: ListParams, cursor: string | null, signal?: AbortSignal) =>
    apiRequest<SessionPage>(base, { query: { ...params, cursor: cursor ?? undefined }, signal }),
  /** The exact total of the list's filters and search (the order does not matter to a count). */
  count: (params: ListParams, signal?: AbortSignal) =>
    apiRequest<SessionCount>(`${base}/count`, { query: { ...params, sort: undefined }, signal }),
  /** A filter list; `exact` counts exactly however long it takes (after an answer of estimates). */
  facets: (column: string, params: ListParams, search: string, signal?: AbortSignal, exact = false) =>
    apiRequest<FacetAnswer>(`${base}/facets/${enc(column)}`, {
      query: {
        ...params,
        search: search === '' ? undefined : search,
        limit: 100,
        exact: exact ? 'true' : undefined,
      },
      signal,
    }),
  detail: (id: string, signal?: AbortSignal) => apiRequest<SessionDetail>(`${base}/${enc(id)}`, { signal }),
  transcript: (
    id: string,
    page: { cursor?: string; around?: string },
    language: string,
    signal?: AbortSignal,
  ) =>
    apiRequest<TranscriptPage>(`${base}/${enc(id)}/transcript`, {
      query: { ...page, limit: 100 },
      language,
      signal,
    }),
  notes: (id: string, signal?: AbortSignal) => apiRequest<NoteList>(`${base}/${enc(id)}/notes`, { signal }),
  addNote: (id: string, text: string) =>
    apiRequest<Note>(`${base}/${enc(id)}/notes`, { method: 'POST', body: { text } }),
  editNote: (id: string, noteId: string, text: string) =>
    apiRequest<Note>(`${base}/${enc(id)}/notes/${enc(noteId)}`, { method: 'PATCH', body: { text } }),
  deleteNote: (id: string, noteId: string) =>
    apiRequest<undefined>(`${base}/${enc(id)}/notes/${enc(noteId)}`, { method: 'DELETE' }),
  routing: (id: string, signal?: AbortSignal) =>
    apiRequest<RoutingTimeline>(`${base}/${enc(id)}/routing`, { signal }),
  recordings: (id: string, signal?: AbortSignal) =>
    apiRequest<RecordingList>(`${base}/${enc(id)}/recordings`, { signal }),
};

export const preferencesApi = {
  get: (key: string, signal?: AbortSignal) =>
    apiRequest<unknown>(`/api/v1/preferences/${enc(key)}`, { signal }),
  put: (key: string, value: unknown) =>
    apiRequest<unknown>(`/api/v1/preferences/${enc(key)}`, { method: 'PUT', body: { value } }),
};
