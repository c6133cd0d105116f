import { Button, Group, Pill } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useFormat, useI18n } from '../../i18n';
import { formatDuration } from '../../lib/duration';
import { columnLabel, valueLabel } from './labels';
import { sessionsApi, type Column, type ListParams } from './sessions.api';
import { sessionKeys } from './useSessionsData';
import { paramsWithoutColumn, splitFilterKey, splitValues } from './urlState';

interface FilterChipsProps {
  filters: [string, string][];
  q: string;
  params: ListParams;
  columns: Map<string, Column>;
  onRemove: (key: string) => void;
  onClearSearch: () => void;
  onClearAll: () => void;
}

/** Every active filter as a removable chip, and one button to clear them all. */
export function FilterChips({
  filters,
  q,
  params,
  columns,
  onRemove,
  onClearSearch,
  onClearAll,
}: FilterChipsProps) {
  const { t } = useI18n();
  if (filters.length === 0 && q.trim() === '') return null;
  return (
    <Group gap={6} role="group" aria-label={t('sessions.filters.label')}>
      {q.trim() !== '' && (
        <ChipView label={t('sessions.chip.search', { value: q.trim() })} onRemove={onClearSearch} />
      )}
      {filters.map(([key, value]) => (
        <FilterChip
          key={key}
          filterKey={key}
          value={value}
          params={params}
          columns={columns}
          onRemove={() => onRemove(key)}
        />
      ))}
      <Button
        variant="subtle"
        size="compact-sm"
        color="gray"
        leftSection={<IconFilterOff size={14} aria-hidden />}
        onClick={onClearAll}
      >
        {t('sessions.filters.clearAll')}
      </Button>
    </Group>
  );
}

function ChipView({ label, onRemove }: { label: string; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <Pill
      size="md"
      withRemoveButton
      onRemove={onRemove}
      // Mantine hides the remove button from keyboards and screen readers by default; ours must be reachable.
      removeButtonProps={{
        'aria-label': t('sessions.filters.remove', { name: label }),
        'aria-hidden': false,
        tabIndex: 0,
      }}
      bg="ocean.0"
      maw={420}
    >
      {label}
    </Pill>
  );
}

function FilterChip({
  filterKey,
  value,
  params,
  columns,
  onRemove,
}: {
  filterKey: string;
  value: string;
  params: ListParams;
  columns: Map<string, Column>;
  onRemove: () => void;
}) {
  const { t, language } = useI18n();
  const format = useFormat();
  const { column: columnId, op } = splitFilterKey(filterKey);
  const column = columns.get(columnId);
  const name = columnLabel(column, columnId, language);
  // Operators, groups, chatbots and widgets are filtered by id; their names come from the facet list.
  const byId = column?.type === 'people' || column?.type === 'ref';
  const facetParams = paramsWithoutColumn({ ...params }, columnId);
  const names = useQuery({
    queryKey: sessionKeys.facets(columnId, facetParams, ''),
    queryFn: ({ signal }) => sessionsApi.facets(columnId, facetParams, '', signal),
    enabled: byId,
    staleTime: 60_000,
  });

  // A hand-edited link may carry a malformed value: show it as typed (the table explains the server's refusal).
  const show = (raw: string) => {
    const number = Number(raw);
    if (column?.type === 'datetime') return Number.isNaN(Date.parse(raw)) ? raw : format.dateTime(raw);
    if (raw.trim() === '' || !Number.isFinite(number)) return raw;
    if (column?.type === 'duration') return formatDuration(number);
    if (column?.type === 'number') return format.number(number);
    return raw;
  };

  let label: string;
  switch (op) {
    case 'min':
      label = t('sessions.chip.min', { name, value: show(value) });
      break;
    case 'max':
      label = t('sessions.chip.max', { name, value: show(value) });
      break;
    case 'contains':
      label = t('sessions.chip.contains', { name, value });
      break;
    case 'empty':
      label = t(value === 'false' ? 'sessions.chip.notEmpty' : 'sessions.chip.empty', { name });
      break;
    case 'is': {
      const values = splitValues(value).map((v) => {
        const known = names.data?.values.find((facet) => facet.value === v)?.label;
        return valueLabel(columnId, v, t, known);
      });
      label = t('sessions.chip.is', { name, value: values.join(', ') });
      break;
    }
  }
  return <ChipView label={label} onRemove={onRemove} />;
}
