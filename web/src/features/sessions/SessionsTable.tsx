import {
  Button,
  EmptyState,
  Group,
  Loader,
  Skeleton,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconArrowsSort,
  IconFilterOff,
  IconRefresh,
} from '@tabler/icons-react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useI18n } from '../../i18n';
import { isApiError } from '../../lib/api';
import { columnLabel } from './labels';
import type { Column, SessionItem, SessionPage } from './sessions.api';
import classes from './sessions.module.css';
import { SessionCell } from './SessionCell';
import { Snippet } from './Snippet';
import type { View } from './urlState';

const widths: Record<Column['type'], number> = {
  id: 110,
  text: 190,
  enum: 170,
  datetime: 205,
  duration: 150,
  number: 130,
  boolean: 120,
  tags: 190,
  people: 210,
  ref: 170,
};

const ROW_HEIGHT = 41;

const placeholderColumns: Column[] = (
  ['id', 'datetime', 'enum', 'enum', 'people', 'text', 'duration'] as const
).map((type, index) => ({
  id: `placeholder-${index}`,
  label: { cs: '', en: '' },
  type,
  filter: 'none',
  sortable: false,
  defaultVisible: true,
}));
const ROW_WITH_SNIPPET_HEIGHT = 66;

export interface SessionsTableProps {
  columns: Column[];
  query: UseInfiniteQueryResult<InfiniteData<SessionPage>, Error>;
  view: View;
  sort: string;
  onSort: (columnId: string) => void;
  searching: boolean;
  openId: string | null;
  /** `follow`: the detail follows keyboard movement (replaces the history entry). */
  onOpen: (item: SessionItem, follow: boolean) => void;
  renderFilter: (column: Column) => ReactNode;
  hasFilters: boolean;
  onClearFilters: () => void;
  onRemoveFilter: (parameter: string) => void;
}

export function SessionsTable(props: SessionsTableProps) {
  const { columns, query, sort, onSort, searching, openId, onOpen, renderFilter } = props;
  const { t, language } = useI18n();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const [activeIndex, setActiveIndex] = useState(0);
  const focusPending = useRef(false);

  const sortDesc = sort.startsWith('-');
  const sortColumn = sortDesc ? sort.slice(1) : sort;

  // Live sessions' waiting time and duration keep counting between refreshes.
  const live = props.view === 'live';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  const elapsed = live && query.dataUpdatedAt > 0 ? Math.max(0, (now - query.dataUpdatedAt) / 1000) : 0;

  const columnDefs = useMemo<ColumnDef<SessionItem>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: () => columnLabel(column, column.id, language),
        cell: ({ row }) => <SessionCell column={column} item={row.original} elapsed={elapsed} />,
      })),
    [columns, language, elapsed],
  );
  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    getRowId: (row) => row.id,
  });
  const tableRows = table.getRowModel().rows;

  const gridColumns = columns.map((column) => `${widths[column.type]}px`).join(' ');
  const minWidth = columns.reduce((sum, column) => sum + widths[column.type], 0);
  const rowHeight = searching ? ROW_WITH_SNIPPET_HEIGHT : ROW_HEIGHT;

  const hasNextPage = query.hasNextPage;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastVisible >= tableRows.length - 15 && hasNextPage && !query.isFetchingNextPage && !query.isError) {
      void query.fetchNextPage();
    }
  }, [lastVisible, tableRows.length, hasNextPage, query]);

  // A new query starts at the top.
  const firstId = rows[0]?.id;
  const queryKeyHash = JSON.stringify(query.data?.pageParams[0] ?? null) + String(props.sort);
  useEffect(() => {
    setActiveIndex(0);
  }, [queryKeyHash]);

  // Keep the open session's row active (e.g. after a reload from a link).
  useEffect(() => {
    if (!openId) return;
    const index = rows.findIndex((row) => row.id === openId);
    if (index >= 0) setActiveIndex(index);
  }, [openId, rows, firstId]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollerRef.current
        ?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)
        ?.focus({ preventScroll: true });
    });
  }, [activeIndex, virtualizer]);

  function move(to: number, follow: boolean) {
    const index = Math.max(0, Math.min(tableRows.length - 1, to));
    focusPending.current = true;
    setActiveIndex(index);
    const item = tableRows[index]?.original;
    if (item && follow && openId !== null && item.id !== openId) onOpen(item, true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.target instanceof HTMLElement && event.target.closest('thead')) return;
    const pageRows = Math.max(1, Math.floor((scrollerRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex + 1, true);
        break;
      case 'ArrowUp':
        move(activeIndex - 1, true);
        break;
      case 'PageDown':
        move(activeIndex + pageRows, true);
        break;
      case 'PageUp':
        move(activeIndex - pageRows, true);
        break;
      case 'Home':
        move(0, true);
        break;
      case 'End':
        move(tableRows.length - 1, true);
        break;
      case 'Enter':
      case ' ': {
        const item = tableRows[activeIndex]?.original;
        if (item) onOpen(item, false);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  const style = { '--grid-columns': gridColumns, minWidth } as CSSProperties;
  const total = query.data?.pages[0]?.total;

  let body: ReactNode = null;
  if (query.isPending || columns.length === 0) {
    body = <SkeletonRows columns={columns.length > 0 ? columns : placeholderColumns} />;
  } else if (query.isError && rows.length === 0) {
    body = (
      <ListError
        error={query.error}
        onRetry={() => void query.refetch()}
        onRemoveFilter={props.onRemoveFilter}
      />
    );
  } else if (rows.length === 0) {
    body = <EmptyList view={props.view} hasFilters={props.hasFilters} onClear={props.onClearFilters} />;
  }

  return (
    <div className={classes.tableCard}>
      <div ref={scrollerRef} className={classes.scroller}>
        <table
          className={classes.table}
          style={style}
          aria-label={t('sessions.table.label')}
          aria-rowcount={total !== undefined ? total + 1 : -1}
          aria-describedby="sessions-keyboard-hint"
          aria-busy={query.isFetching}
          data-loaded={rows.length}
        >
          <thead className={classes.thead}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className={classes.tr} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const column = columns[header.index]!;
                  const label = columnLabel(column, column.id, language);
                  const sorted =
                    sortColumn === column.id ? (sortDesc ? 'descending' : 'ascending') : undefined;
                  return (
                    <th key={header.id} className={classes.th} aria-sort={sorted ?? 'none'} scope="col">
                      {column.sortable ? (
                        <UnstyledButton
                          className={classes.sortButton}
                          onClick={() => onSort(column.id)}
                          aria-label={t('sessions.sort.by', { name: label })}
                        >
                          <span className={classes.headLabel} title={label}>
                            {flexRender(header.column.columnDef.header, header.getContext())}
                          </span>
                          {sorted === 'ascending' ? (
                            <IconArrowUp size={14} aria-hidden />
                          ) : sorted === 'descending' ? (
                            <IconArrowDown size={14} aria-hidden />
                          ) : (
                            <IconArrowsSort size={14} aria-hidden color="var(--mantine-color-gray-5)" />
                          )}
                        </UnstyledButton>
                      ) : (
                        <span className={classes.headLabel} style={{ flex: 1 }} title={label}>
                          {label}
                        </span>
                      )}
                      {renderFilter(column)}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          {body === null && (
            <tbody
              className={classes.tbody}
              style={{ height: virtualizer.getTotalSize() }}
              onKeyDown={onKeyDown}
            >
              {virtualItems.map((virtualRow) => {
                const row = tableRows[virtualRow.index]!;
                const item = row.original;
                const isOpen = item.id === openId;
                return (
                  <tr
                    key={row.id}
                    data-index={virtualRow.index}
                    className={`${classes.row} ${isOpen ? classes.rowOpen : ''}`}
                    style={{
                      transform: `translateY(${virtualRow.start}px)`,
                      height: virtualRow.size,
                      width: '100%',
                    }}
                    tabIndex={virtualRow.index === activeIndex ? 0 : -1}
                    aria-rowindex={virtualRow.index + 2}
                    aria-selected={isOpen}
                    onClick={() => {
                      setActiveIndex(virtualRow.index);
                      onOpen(item, false);
                    }}
                    onFocus={() => setActiveIndex(virtualRow.index)}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className={classes.td}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                    {searching && item.match && item.match.snippet.length > 0 && (
                      <td className={classes.snippet}>
                        <VisuallyHidden>{t('sessions.table.match')}: </VisuallyHidden>
                        <Snippet segments={item.match.snippet} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          )}
        </table>
        {body}
      </div>
      <div className={classes.footer}>
        <span id="sessions-keyboard-hint">{t('sessions.table.keyboardHint')}</span>
        {query.isPlaceholderData ? (
          <Group gap={6} role="status">
            <Loader size={12} aria-hidden />
            {t('sessions.table.loading')}
          </Group>
        ) : query.isFetchingNextPage ? (
          <Group gap={6} role="status">
            <Loader size={12} aria-hidden />
            {t('sessions.table.loadingMore')}
          </Group>
        ) : query.isError && rows.length > 0 ? (
          <Button size="compact-xs" variant="light" color="red" onClick={() => void query.fetchNextPage()}>
            {t('sessions.error.retry')}
          </Button>
        ) : !hasNextPage && rows.length > 0 ? (
          <span>{t('sessions.table.end')}</span>
        ) : null}
      </div>
    </div>
  );
}

function SkeletonRows({ columns }: { columns: Column[] }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t('sessions.table.loading')}>
      {Array.from({ length: 12 }, (_, row) => (
        <div
          key={row}
          className={classes.tr}
          style={{ '--grid-columns': columns.map((c) => `${widths[c.type]}px`).join(' ') } as CSSProperties}
        >
          {columns.map((column) => (
            <div key={column.id} className={classes.td}>
              <Skeleton height={12} radius="sm" width={`${55 + ((row * 7 + column.id.length * 13) % 40)}%`} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function EmptyList({ view, hasFilters, onClear }: { view: View; hasFilters: boolean; onClear: () => void }) {
  const { t } = useI18n();
  if (hasFilters) {
    return (
      <EmptyState
        py={56}
        variant="light"
        color="gray"
        icon={<IconFilterOff size={28} stroke={1.6} aria-hidden />}
        title={t('sessions.empty.title')}
        description={t('sessions.empty.description')}
        role="status"
      >
        <EmptyState.Actions mt="sm">
          <Button onClick={onClear} leftSection={<IconFilterOff size={16} aria-hidden />}>
            {t('sessions.empty.clear')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      py={56}
      variant="light"
      color="gray"
      title={t(view === 'live' ? 'sessions.empty.liveTitle' : 'sessions.empty.noneTitle')}
      description={t(view === 'live' ? 'sessions.empty.liveDescription' : 'sessions.empty.noneDescription')}
      role="status"
    />
  );
}

function ListError({
  error,
  onRetry,
  onRemoveFilter,
}: {
  error: Error;
  onRetry: () => void;
  onRemoveFilter: (parameter: string) => void;
}) {
  const { t } = useI18n();
  const parameter =
    isApiError(error) && typeof error.body.parameter === 'string' ? error.body.parameter : null;
  const badFilter = isApiError(error) && error.status === 400 && parameter !== null;
  return (
    <EmptyState
      py={56}
      variant="light"
      color="red"
      icon={<IconAlertTriangle size={28} stroke={1.6} aria-hidden />}
      title={t('sessions.error.title')}
      role="alert"
    >
      <EmptyState.Description maw={520}>
        <Text size="sm" c="dimmed">
          {badFilter
            ? t('sessions.error.badFilter', { parameter, message: error.message })
            : t('sessions.error.description', { message: error.message })}
        </Text>
      </EmptyState.Description>
      <EmptyState.Actions mt="sm">
        {badFilter ? (
          <Button
            onClick={() => onRemoveFilter(parameter)}
            leftSection={<IconFilterOff size={16} aria-hidden />}
          >
            {t('sessions.filters.remove', { name: parameter })}
          </Button>
        ) : (
          <Button onClick={onRetry} leftSection={<IconRefresh size={16} aria-hidden />}>
            {t('sessions.error.retry')}
          </Button>
        )}
      </EmptyState.Actions>
    </EmptyState>
  );
}
