import { defaultColumnsByView } from '../../../../common/columns';
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../lib/api';
import { preferencesApi, sessionsApi, type Column, type ListParams, type SessionPage } from './sessions.api';

export const sessionKeys = {
  all: ['sessions'] as const,
  columns: ['sessions', 'columns'] as const,
  list: (params: ListParams) => ['sessions', 'list', params] as const,
  count: (params: ListParams) => ['sessions', 'count', params] as const,
  facets: (column: string, params: ListParams, search: string, exact = false) =>
    ['sessions', 'facets', column, params, search, exact] as const,
  detail: (id: string) => ['sessions', 'detail', id] as const,
  transcript: (id: string, around: string | null) => ['sessions', 'transcript', id, around] as const,
  notes: (id: string) => ['sessions', 'notes', id] as const,
  routing: (id: string) => ['sessions', 'routing', id] as const,
  recordings: (id: string) => ['sessions', 'recordings', id] as const,
};

/** How often the Live view refreshes when the server's event stream is not available. */
export const LIVE_POLL_SECONDS = 5;

export function useColumnCatalogue() {
  return useQuery({
    queryKey: sessionKeys.columns,
    queryFn: ({ signal }) => sessionsApi.columns(signal).then((answer) => answer.columns),
    staleTime: 5 * 60_000,
  });
}

/**
 * What a list shows while its next rows load: the rows before a change of filters, search or order stay
 * until the new ones arrive; another view's do not (ended sessions under the Live tab, or live ones
 * under History, with the new view's heading above them).
 */
export function previousRowsOfView(view: string | undefined) {
  return <T>(previous: T | undefined, previousQuery?: { queryKey: readonly unknown[] }): T | undefined =>
    (previousQuery?.queryKey[2] as ListParams | undefined)?.view === view ? previous : undefined;
}

/** Pages of sessions for the current query, fetched as the table scrolls (keyset cursors). */
export function useSessionList(params: ListParams, live: boolean, pollWhileLive: boolean) {
  return useInfiniteQuery<SessionPage, Error, InfiniteData<SessionPage>, readonly unknown[], string | null>({
    queryKey: sessionKeys.list(params),
    queryFn: ({ pageParam, signal }) => sessionsApi.list(params, pageParam, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: previousRowsOfView(params.view),
    refetchInterval: live && pollWhileLive ? LIVE_POLL_SECONDS * 1000 : false,
    // Refetching many loaded pages every few seconds is wasteful; keep the first pages fresh.
    maxPages: live ? 10 : undefined,
    staleTime: live ? 0 : 30_000,
  });
}

/**
 * The exact total, asked for only when the list could give just an estimate (it counts within a small
 * budget so the page is never slowed); the estimate is shown until this arrives.
 */
export function useExactTotal(params: ListParams, needed: boolean) {
  return useQuery({
    queryKey: sessionKeys.count(params),
    queryFn: ({ signal }) => sessionsApi.count(params, signal),
    enabled: needed,
    staleTime: 30_000,
  });
}

/**
 * The Live view follows the server's event stream when it exists: any change refetches the list
 * (coalesced). Returns whether the stream is connected; when it is not, the caller polls instead.
 */
export function useLiveEvents(enabled: boolean, params: ListParams): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  // The stream takes the list's filters (not its order or content search).
  const query = useMemo(
    () =>
      new URLSearchParams(Object.entries(params).filter(([key]) => key !== 'sort' && key !== 'q')).toString(),
    [params],
  );

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setConnected(false);
      return;
    }
    const source = new EventSource(`/api/v1/sessions/live/events?${query}`, { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        // Only queries on screen refetch: the list, and the open session's detail, transcript, routing, recordings.
        for (const part of ['list', 'detail', 'transcript', 'routing', 'recordings']) {
          void queryClient.invalidateQueries({ queryKey: ['sessions', part] });
        }
      }, 300);
    };
    source.onopen = () => setConnected(true);
    source.onmessage = refresh;
    for (const kind of ['session.created', 'session.updated', 'session.ended', 'session.routing']) {
      source.addEventListener(kind, refresh);
    }
    source.onerror = () => {
      // A missing endpoint (404) or a dropped connection: fall back to polling; EventSource retries by itself
      // unless the answer was not an event stream at all.
      setConnected(false);
      if (source.readyState === EventSource.CLOSED) source.close();
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
      setConnected(false);
    };
  }, [enabled, query, queryClient]);

  return connected;
}

export const COLUMNS_PREFERENCE = 'sessions.columns';

interface ColumnsPreference {
  columns: string[];
}

function readColumnsPreference(value: unknown): string[] | null {
  const inner = typeof value === 'object' && value !== null && 'value' in value ? value.value : value;
  if (typeof inner === 'object' && inner !== null && Array.isArray((inner as ColumnsPreference).columns)) {
    return (inner as ColumnsPreference).columns.filter((id): id is string => typeof id === 'string');
  }
  return null;
}

/** The user's saved column choice (null when they never chose), and a way to save a new one. */
export function useColumnsPreference() {
  const queryClient = useQueryClient();
  const key = ['preferences', COLUMNS_PREFERENCE] as const;
  const saved = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      try {
        return readColumnsPreference(await preferencesApi.get(COLUMNS_PREFERENCE, signal));
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: 1,
  });
  const save = useMutation({
    mutationFn: (columns: string[] | null) =>
      preferencesApi.put(COLUMNS_PREFERENCE, columns === null ? null : { columns }),
    onMutate: (columns) => queryClient.setQueryData(key, columns),
  });
  return { saved, save };
}

/** Visible columns: the link's override, else the saved choice, else the view's default set. */
export function useVisibleColumns(
  catalogue: Column[] | undefined,
  override: string[] | null,
  saved: string[] | null,
  view: 'history' | 'live',
) {
  const byId = useMemo(() => new Map((catalogue ?? []).map((column) => [column.id, column])), [catalogue]);
  const defaults = useMemo(() => defaultColumnsByView[view].filter((id) => byId.has(id)), [byId, view]);
  const ids = override ?? saved ?? defaults;
  const visible = useMemo(
    () => ids.map((id) => byId.get(id)).filter((column): column is Column => column !== undefined),
    [ids, byId],
  );
  const isVisible = useCallback((id: string) => ids.includes(id), [ids]);
  return { visible, defaults, byId, isVisible };
}
