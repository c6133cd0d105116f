import {
  ActionIcon,
  Anchor,
  Badge,
  CloseButton,
  CopyButton,
  Group,
  SegmentedControl,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconCheck, IconLink, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ExportMenu } from '../exports/ExportMenu';
import { useI18n } from '../../i18n';
import { ColumnChooser } from './ColumnChooser';
import { DetailPanel } from './DetailPanel';
import { FilterChips } from './FilterChips';
import { HeaderFilter, type FilterEntries } from './HeaderFilter';
import type { Column, SessionItem } from './sessions.api';
import classes from './sessions.module.css';
import { SessionsTable } from './SessionsTable';
import {
  LIVE_POLL_SECONDS,
  useColumnCatalogue,
  useColumnsPreference,
  useExactTotal,
  useLiveEvents,
  useSessionList,
  useVisibleColumns,
} from './useSessionsData';
import {
  listParams,
  readState,
  splitFilterKey,
  writeState,
  type DetailTab,
  type ScreenState,
} from './urlState';

/** "about 1 200 000": an estimate shown to two significant digits, so it does not pretend to be exact. */
function roundEstimate(value: number): number {
  if (value < 100) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** Live and historical sessions: the administrator's table, filters, search and the detail panel. */
export function SessionsPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => readState(searchParams), [searchParams]);

  const update = useCallback(
    (patch: Partial<ScreenState>, options: { replace?: boolean } = {}) => {
      setSearchParams((current) => writeState({ ...readState(current), ...patch }), {
        replace: options.replace ?? false,
      });
    },
    [setSearchParams],
  );

  // Columns: catalogue, the user's saved choice, the link's override.
  const catalogue = useColumnCatalogue();
  const { saved, save } = useColumnsPreference();
  const columnsReady = catalogue.isSuccess && !saved.isPending;
  const { visible, defaults, byId } = useVisibleColumns(
    catalogue.data,
    state.cols,
    saved.data ?? null,
    state.view,
  );
  const visibleIds = visible.map((column) => column.id);

  const params = useMemo(() => listParams(state), [state]);
  const live = state.view === 'live';
  const streaming = useLiveEvents(live, params);
  const list = useSessionList(params, live, !streaming);

  // Search: typed text applies after a pause; the address keeps it.
  const [searchText, setSearchText] = useState(state.q);
  useEffect(() => setSearchText(state.q), [state.q]);
  const applySearch = useDebouncedCallback(
    (value: string) => update({ q: value, open: null, hit: null }, { replace: true }),
    400,
  );

  const setColumnFilter = useCallback(
    (columnId: string, entries: FilterEntries) => {
      const rest = state.filters.filter(([key]) => splitFilterKey(key).column !== columnId);
      update({ filters: [...rest, ...entries] });
    },
    [state.filters, update],
  );
  const removeFilter = useCallback(
    (key: string) => update({ filters: state.filters.filter(([k]) => k !== key) }),
    [state.filters, update],
  );
  const clearAll = useCallback(() => {
    setSearchText('');
    update({ filters: [], q: '' });
  }, [update]);

  const onSort = useCallback(
    (columnId: string) => {
      // Ascending, then descending, then back to the default order.
      const next =
        state.sort === columnId ? `-${columnId}` : state.sort === `-${columnId}` ? '-createdAt' : columnId;
      update({ sort: next }, { replace: true });
    },
    [state.sort, update],
  );

  const setColumns = (ids: string[]) => {
    save.mutate(ids);
    update({ cols: ids }, { replace: true });
  };
  const resetColumns = () => {
    save.mutate(null);
    update({ cols: null }, { replace: true });
  };

  const onOpen = useCallback(
    (item: SessionItem, follow: boolean) => {
      update(
        { open: item.id, hit: state.q.trim() !== '' ? (item.match?.activityId ?? null) : null },
        { replace: follow },
      );
    },
    [state.q, update],
  );
  const closeDetail = useCallback(() => update({ open: null, hit: null, tab: 'transcript' }), [update]);
  const openSession = useCallback((id: string) => update({ open: id, hit: null, tab: 'info' }), [update]);
  // A restored session (or the client's live one) is live: show it in the Live view with its transcript.
  const openRestored = useCallback(
    (result: { session: { id: string } }) =>
      update({ view: 'live', open: result.session.id, hit: null, tab: 'transcript' }),
    [update],
  );
  const setTab = useCallback((tab: DetailTab) => update({ tab }, { replace: true }), [update]);

  const renderFilter = useCallback(
    (column: Column) => (
      <HeaderFilter
        column={column}
        params={params}
        current={state.filters.filter(([key]) => splitFilterKey(key).column === column.id)}
        onChange={setColumnFilter}
      />
    ),
    [params, state.filters, setColumnFilter],
  );

  const firstPage = list.data?.pages[0];
  // An estimated total is replaced by the exact count when it arrives; until then it says it is counting.
  const exact = useExactTotal(params, firstPage?.totalIsEstimate === true && !list.isPlaceholderData);
  const shown =
    firstPage && firstPage.totalIsEstimate && exact.data && !list.isPlaceholderData ? exact.data : firstPage;
  const total = shown
    ? shown.totalIsEstimate
      ? t(exact.isFetching ? 'sessions.total.counting' : 'sessions.total.estimate', {
          count: roundEstimate(shown.total),
        })
      : t(shown.total === 1 ? 'sessions.total.one' : 'sessions.total.other', { count: shown.total })
    : null;
  const suggestions = state.q.trim() !== '' && !list.isPlaceholderData ? (firstPage?.suggestions ?? []) : [];
  const searchFor = (q: string) => {
    setSearchText(q);
    update({ q, open: null, hit: null });
  };
  const shareUrl = () => {
    const params = writeState({ ...state, cols: visibleIds });
    return `${window.location.origin}${window.location.pathname}?${params.toString()}`;
  };

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={
          <>
            <SegmentedControl
              aria-label={t('sessions.view.label')}
              value={state.view}
              onChange={(view) => update({ view: view, open: null, hit: null })}
              data={[
                { value: 'history', label: t('sessions.view.history') },
                { value: 'live', label: t('sessions.view.live') },
              ]}
            />
            {catalogue.data && (
              <ColumnChooser
                catalogue={catalogue.data}
                visibleIds={visibleIds.length > 0 || !columnsReady ? visibleIds : defaults}
                onChange={setColumns}
                onReset={resetColumns}
              />
            )}
            <ExportMenu
              query={params}
              columns={visibleIds}
              total={shown && !shown.totalIsEstimate ? shown.total : null}
            />
            <CopyButton value={shareUrl()}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('sessions.linkCopied') : t('sessions.copyLink')} withArrow>
                  <ActionIcon variant="default" size="lg" onClick={copy} aria-label={t('sessions.copyLink')}>
                    {copied ? <IconCheck size={18} aria-hidden /> : <IconLink size={18} aria-hidden />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </>
        }
      />
      <Group justify="space-between" gap="sm" wrap="wrap" mt={-8}>
        <TextInput
          w={{ base: '100%', sm: 380 }}
          label={t('sessions.search.label')}
          placeholder={t('sessions.search.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={searchText}
          onChange={(event) => {
            setSearchText(event.currentTarget.value);
            applySearch(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              applySearch.flush?.();
            }
          }}
          rightSection={
            searchText !== '' ? (
              <CloseButton
                size="sm"
                aria-label={t('sessions.search.clear')}
                onClick={() => {
                  setSearchText('');
                  update({ q: '', hit: null }, { replace: true });
                }}
              />
            ) : null
          }
        />
        <Group gap="sm" align="center" style={{ alignSelf: 'flex-end' }}>
          {save.isError && (
            <Text size="xs" c="red" role="alert">
              {t('sessions.columns.saveFailed')}
            </Text>
          )}
          {live && (
            <Badge variant="dot" color={streaming ? 'green' : 'orange'} tt="none" fw={500}>
              {streaming
                ? t('sessions.live.realtime')
                : t('sessions.live.polling', { seconds: LIVE_POLL_SECONDS })}
            </Badge>
          )}
          <Text size="sm" fw={600} role="status" aria-live="polite" data-testid="sessions-total">
            {total}
          </Text>
        </Group>
      </Group>
      {suggestions.length > 0 && (
        <Text size="sm" mt={-8} data-testid="search-suggestions">
          {t('sessions.search.didYouMean')}{' '}
          {suggestions.map((suggestion, index) => (
            <span key={suggestion}>
              {index > 0 && ', '}
              <Anchor component="button" type="button" fw={600} onClick={() => searchFor(suggestion)}>
                {suggestion}
              </Anchor>
            </span>
          ))}
        </Text>
      )}
      <FilterChips
        filters={state.filters}
        q={state.q}
        params={params}
        columns={byId}
        onRemove={removeFilter}
        onClearSearch={() => {
          setSearchText('');
          update({ q: '', hit: null });
        }}
        onClearAll={clearAll}
      />
      <div className={classes.workspace}>
        <SessionsTable
          columns={columnsReady ? visible : []}
          query={list}
          view={state.view}
          sort={state.sort}
          onSort={onSort}
          searching={state.q.trim() !== ''}
          listKey={JSON.stringify(params)}
          openId={state.open}
          onOpen={onOpen}
          onOpenSession={openSession}
          renderFilter={renderFilter}
          hasFilters={state.filters.length > 0 || state.q.trim() !== ''}
          onClearFilters={clearAll}
          onRemoveFilter={removeFilter}
        />
        {state.open && catalogue.data && (
          <DetailPanel
            key={state.open}
            sessionId={state.open}
            tab={state.tab}
            hit={state.hit}
            catalogue={catalogue.data}
            onTab={setTab}
            onClose={closeDetail}
            onOpenSession={openSession}
            onRestored={openRestored}
          />
        )}
      </div>
    </div>
  );
}
