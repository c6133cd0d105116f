import { Button, Group, Loader, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { useNow } from '../../lib/useNow';
import { columnLabel } from './labels';
import type { Column, SessionItem, SessionPage } from './sessions.api';
import classes from './sessions.module.css';
import { SessionCell } from './SessionCell';
import { Snippet } from './Snippet';
import type { View } from './urlState';
import { EmptyList, ListError, SkeletonRows } from './table/TableStates';
import { useLoadMore } from './table/useLoadMore';
import { useRowKeyboard } from './table/useRowKeyboard';
import { columnWidth, gridTemplate } from './table/widths';

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
  /** Identifies the list query (view, search, filters, sort): a change starts at the top again. */
  listKey: string;
  openId: string | null;
  /** `follow`: the detail follows keyboard movement (replaces the history entry). */
  onOpen: (item: SessionItem, follow: boolean) => void;
  /** A link in a cell ("Restored from/as #N") opens that session. */
  onOpenSession: (id: string) => void;
  renderFilter: (column: Column) => ReactNode;
  hasFilters: boolean;
  onClearFilters: () => void;
  onRemoveFilter: (parameter: string) => void;
}

export function SessionsTable(props: SessionsTableProps) {
  const { columns, query, sort, onSort, searching, openId, onOpen, onOpenSession, renderFilter } = props;
  const { t, language } = useI18n();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const sortDesc = sort.startsWith('-');
  const sortColumn = sortDesc ? sort.slice(1) : sort;

  // Live sessions' waiting time and duration keep counting between refreshes.
  const live = props.view === 'live';
  const now = useNow(live);
  const elapsed = live && query.dataUpdatedAt > 0 ? Math.max(0, (now - query.dataUpdatedAt) / 1000) : 0;

  const columnDefs = useMemo<ColumnDef<SessionItem>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: () => columnLabel(column, column.id, language),
        cell: ({ row }) => (
          <SessionCell column={column} item={row.original} elapsed={elapsed} onOpenSession={onOpenSession} />
        ),
      })),
    [columns, language, elapsed, onOpenSession],
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

  const gridColumns = gridTemplate(columns);
  const minWidth = columns.reduce((sum, column) => sum + columnWidth(column), 0);
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
  useLoadMore(query, virtualItems.at(-1)?.index ?? -1, tableRows.length);

  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer],
  );
  const { activeIndex, setActiveIndex, onKeyDown } = useRowKeyboard({
    rows,
    listKey: props.listKey,
    openId,
    rowHeight,
    scrollerRef,
    scrollToIndex,
    onOpen,
  });

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
