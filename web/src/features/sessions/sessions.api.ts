import type { Column } from '../../../../common/columns';
import { apiRequest } from '../../lib/api';

/** Shapes of the sessions API (server/modules/sessions, /api/openapi.json), as the UI reads them. */

export type { Column };

export interface Named {
  id: string;
  name: string;
}

export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export interface SessionItem {
  id: string;
  externalId: string | null;
  status: string;
  channel: string;
  source: string;
  createdAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  waitingTime: number | null;
  duration: number | null;
  operator: Named[];
  group: Named | null;
  chatbot: Named | null;
  endReason: string | null;
  clientLeft: string | null;
  pageUrl: string | null;
  widget: Named | null;
  clientName: string | null;
  clientEmail: string | null;
  clientPhone: string | null;
  clientIp: string | null;
  language: string | null;
  browser: string | null;
  os: string | null;
  tags: string[];
  rating: number | null;
  feedback: string | null;
  messageCount: number;
  hasRecording: boolean;
  banned: boolean;
  restoredFrom: string | null;
  params: Record<string, string>;
  match?: { activityId: string | null; snippet: SnippetSegment[] };
}

export interface SessionPage {
  items: SessionItem[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
  /** "Did you mean": whole queries to offer when the search found nothing or very little. */
  suggestions: string[];
}

export interface SessionCount {
  total: number;
  totalIsEstimate: boolean;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface FacetAnswer {
  values: FacetValue[];
  truncated: boolean;
}

export interface Participant {
  kind: 'operator' | 'chatbot';
  id: string;
  name: string;
  joinedAt: string;
  leftAt: string | null;
}

export interface SessionDetail extends Omit<SessionItem, 'match'> {
  client: {
    name: string | null;
    email: string | null;
    phone: string | null;
    ip: string | null;
    language: string | null;
    browser: string | null;
    os: string | null;
    visitorId: string | null;
    contactId: string | null;
  };
  result?: string | null;
  participants: Participant[];
  restoredInto: string[];
  recordingEnabled: boolean;
}

export interface Activity {
  id: string;
  at: string;
  sender: string;
  type: string;
  text: string | null;
  senderName: string | null;
  file: { name: string; size: number | null; mimeType: string | null; url: string | null } | null;
  systemCode: string | null;
  systemData: unknown;
}

export interface TranscriptPage {
  items: Activity[];
  nextCursor: string | null;
  prevCursor?: string | null;
}

export interface Note {
  id: string;
  text: string;
  author: Named | null;
  authorName?: string | null;
  createdAt: string;
  updatedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
}

export interface RoutingTimeline {
  current: null | {
    state: string;
    groupId: string | null;
    groupName: string | null;
    queuePosition: number | null;
    offeredTo: { id: string; name: string; since: string }[];
    waitingSeconds: number | null;
  };
  events: {
    id: string;
    at: string;
    kind: string;
    actor: Named | null;
    user: Named | null;
    group: Named | null;
    data: unknown;
  }[];
}

export interface Recording {
  id: string;
  track: string;
  startedAt: string;
  durationSeconds: number | null;
  sizeBytes: number | null;
  mediaType: string;
  state: string;
  url?: string | null;
}

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
  facets: (column: string, params: ListParams, search: string, signal?: AbortSignal) =>
    apiRequest<FacetAnswer>(`${base}/facets/${enc(column)}`, {
      query: { ...params, search: search === '' ? undefined : search, limit: 100 },
      signal,
    }),
  detail: (id: string, signal?: AbortSignal) => apiRequest<SessionDetail>(`${base}/${enc(id)}`, { signal }),
  transcript: (id: string, page: { cursor?: string; around?: string }, signal?: AbortSignal) =>
    apiRequest<TranscriptPage>(`${base}/${enc(id)}/transcript`, { query: { ...page, limit: 100 }, signal }),
  notes: (id: string, signal?: AbortSignal) => apiRequest<unknown>(`${base}/${enc(id)}/notes`, { signal }),
  addNote: (id: string, text: string) =>
    apiRequest<Note>(`${base}/${enc(id)}/notes`, { method: 'POST', body: { text } }),
  editNote: (id: string, noteId: string, text: string) =>
    apiRequest<Note>(`${base}/${enc(id)}/notes/${enc(noteId)}`, { method: 'PATCH', body: { text } }),
  deleteNote: (id: string, noteId: string) =>
    apiRequest<undefined>(`${base}/${enc(id)}/notes/${enc(noteId)}`, { method: 'DELETE' }),
  routing: (id: string, signal?: AbortSignal) =>
    apiRequest<RoutingTimeline>(`${base}/${enc(id)}/routing`, { signal }),
  recordings: (id: string, signal?: AbortSignal) =>
    apiRequest<unknown>(`${base}/${enc(id)}/recordings`, { signal }),
};

export const preferencesApi = {
  get: (key: string, signal?: AbortSignal) =>
    apiRequest<unknown>(`/api/v1/preferences/${enc(key)}`, { signal }),
  put: (key: string, value: unknown) =>
    apiRequest<unknown>(`/api/v1/preferences/${enc(key)}`, { method: 'PUT', body: { value } }),
};

/** Lists may come as `{ items }`, `{ notes }` etc.; take the first array found. */
export function arrayIn<T>(answer: unknown, ...keys: string[]): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (typeof answer === 'object' && answer !== null) {
    for (const key of [...keys, 'items']) {
      const value = (answer as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}
