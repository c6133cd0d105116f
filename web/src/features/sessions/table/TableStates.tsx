import { Button, EmptyState, Skeleton, Text } from '@mantine/core';
import { IconAlertTriangle, IconFilterOff, IconRefresh } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useI18n } from '../../../i18n';
import { isApiError } from '../../../lib/api';
import type { Column } from '../sessions.api';
import classes from '../sessions.module.css';
import type { View } from '../urlState';
import { gridTemplate } from './widths';

/** What the table shows instead of rows: loading, nothing found, and a failed request. */

export function SkeletonRows({ columns }: { columns: Column[] }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t('sessions.table.loading')}>
      {Array.from({ length: 12 }, (_, row) => (
        <div
          key={row}
          className={classes.tr}
          style={{ '--grid-columns': gridTemplate(columns) } as CSSProperties}
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

export function EmptyList({
  view,
  hasFilters,
  onClear,
}: {
  view: View;
  hasFilters: boolean;
  onClear: () => void;
}) {
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

export function ListError({
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
