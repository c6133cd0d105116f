import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Indicator,
  Loader,
  NumberInput,
  Popover,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilter, IconFilterFilled, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { PARAM_PREFIX } from '../../../../common/columns';
import { useFormat, useI18n } from '../../i18n';
import { columnLabel, valueLabel } from './labels';
import { sessionsApi, type Column, type ListParams } from './sessions.api';
import { sessionKeys } from './useSessionsData';
import { paramsWithoutColumn, splitFilterKey, splitValues } from './urlState';

export type FilterEntries = [string, string][];

interface HeaderFilterProps {
  column: Column;
  /** The list's current query (view, q, every filter). */
  params: ListParams;
  /** This column's current filter parameters. */
  current: FilterEntries;
  onChange: (columnId: string, entries: FilterEntries) => void;
}

/** The filter icon in a column header and the control that suits the column. */
export function HeaderFilter({ column, params, current, onChange }: HeaderFilterProps) {
  const { t, language } = useI18n();
  const [opened, setOpened] = useState(false);
  const titleId = useId();
  if (column.filter === 'none') return null;
  const label = columnLabel(column, column.id, language);
  const active = current.length > 0;

  const apply = (entries: FilterEntries) => {
    onChange(column.id, entries);
    setOpened(false);
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      shadow="md"
      width={320}
      trapFocus
      returnFocus
      withinPortal
    >
      <Popover.Target>
        <Indicator disabled={!active} size={7} offset={4} color="ocean">
          <ActionIcon
            variant={active ? 'light' : 'subtle'}
            color={active ? undefined : 'gray'}
            size="sm"
            aria-label={`${t('sessions.filter.open', { name: label })}${active ? ` ${t('sessions.filter.active')}` : ''}`}
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
          >
            {active ? <IconFilterFilled size={14} aria-hidden /> : <IconFilter size={14} aria-hidden />}
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown aria-labelledby={titleId}>
        <Text fw={600} size="sm" mb="xs" id={titleId}>
          {t('sessions.filter.open', { name: label })}
        </Text>
        {opened && <FilterControl column={column} params={params} current={current} onApply={apply} />}
      </Popover.Dropdown>
    </Popover>
  );
}

interface ControlProps {
  column: Column;
  params: ListParams;
  current: FilterEntries;
  onApply: (entries: FilterEntries) => void;
}

function FilterControl(props: ControlProps) {
  const { column } = props;
  // A parameter of many values (an order number) is matched as text: its list would scan every session.
  if (column.id.startsWith(PARAM_PREFIX))
    return column.filter === 'text' ? <TextFilter {...props} /> : <ParamFilter {...props} />;
  if (column.filter === 'values') return <ValuesFilter {...props} />;
  if (column.filter === 'text') return <TextFilter {...props} />;
  if (column.type === 'datetime') return <DateRangeFilter {...props} />;
  return <NumberRangeFilter {...props} />;
}

function valueOf(current: FilterEntries, key: string): string | undefined {
  return current.find(([k]) => k === key)?.[1];
}

function Actions({ onClear, canClear }: { onClear: () => void; canClear: boolean }) {
  const { t } = useI18n();
  return (
    <Group justify="space-between" mt="sm">
      <Button variant="subtle" color="gray" size="xs" onClick={onClear} disabled={!canClear}>
        {t('sessions.filter.clear')}
      </Button>
      <Button type="submit" size="xs">
        {t('sessions.filter.apply')}
      </Button>
    </Group>
  );
}

/** A searchable list of the column's values with counts (facets under the other filters). */
function ValuesFilter({ column, params, current, onApply }: ControlProps) {
  const { t, language } = useI18n();
  const format = useFormat();
  const [selected, setSelected] = useState<string[]>(() => splitValues(valueOf(current, column.id)));
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const facetParams = paramsWithoutColumn({ ...params }, column.id);
  const facets = useQuery({
    queryKey: sessionKeys.facets(column.id, facetParams, debounced),
    queryFn: ({ signal }) => sessionsApi.facets(column.id, facetParams, debounced, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // Under a content search or a text filter a large tenant's counts may come estimated first; the
  // exact ones are asked for at once and replace them when they arrive.
  const estimated = facets.data?.countsAreEstimates === true && !facets.isPlaceholderData;
  const exact = useQuery({
    queryKey: sessionKeys.facets(column.id, facetParams, debounced, true),
    queryFn: ({ signal }) => sessionsApi.facets(column.id, facetParams, debounced, signal, true),
    enabled: estimated,
    staleTime: 30_000,
  });
  const shown = estimated && exact.data ? exact.data : facets.data;
  const approximate = shown?.countsAreEstimates === true;
  const values = shown?.values ?? [];
  const listed = new Set(values.map((v) => v.value));
  const extra = selected.filter((value) => !listed.has(value));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(selected.length > 0 ? [[column.id, selected.join(',')]] : []);
  };
  const toggle = (value: string, on: boolean) =>
    setSelected((prev) => (on ? [...prev, value] : prev.filter((v) => v !== value)));

  const list = (
    <Stack gap={6}>
      <TextInput
        size="xs"
        label={t('sessions.filter.searchValues')}
        leftSection={<IconSearch size={14} aria-hidden />}
        rightSection={facets.isFetching ? <Loader size={12} aria-hidden /> : null}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        data-autofocus
      />
      {facets.isError ? (
        <Alert color="red" variant="light" p="xs">
          {t('sessions.filter.loadFailed')}
        </Alert>
      ) : (
        <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
          <Stack gap={4} role="group" aria-label={columnLabel(column, column.id, language)}>
            {extra.map((value) => (
              <Checkbox
                key={`extra-${value}`}
                size="xs"
                checked
                onChange={(event) => toggle(value, event.currentTarget.checked)}
                label={valueLabel(column.id, value, t)}
              />
            ))}
            {values.map((facet) => (
              <Checkbox
                key={facet.value}
                size="xs"
                checked={selected.includes(facet.value)}
                onChange={(event) => toggle(facet.value, event.currentTarget.checked)}
                label={
                  <Group gap={6} wrap="nowrap" justify="space-between" w={230}>
                    <Text size="xs" truncate>
                      {valueLabel(column.id, facet.value, t, facet.label)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {approximate
                        ? t('sessions.filter.about', { count: format.number(facet.count) })
                        : format.number(facet.count)}
                    </Text>
                  </Group>
                }
              />
            ))}
            {!facets.isPending && values.length === 0 && extra.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('sessions.filter.noValues')}
              </Text>
            )}
            {facets.isPending && <Loader size="xs" aria-label={t('app.loading')} />}
          </Stack>
        </ScrollArea.Autosize>
      )}
      {approximate && (
        <Group gap={6} wrap="nowrap">
          {exact.isFetching && <Loader size={10} aria-hidden />}
          <Text size="xs" c="dimmed" role="status">
            {exact.isError ? t('sessions.filter.estimatedOnly') : t('sessions.filter.estimated')}
          </Text>
        </Group>
      )}
      {shown?.truncated && (
        <Text size="xs" c="dimmed">
          {t('sessions.filter.truncated')}
        </Text>
      )}
      {selected.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('sessions.filter.selected', { count: selected.length })}
        </Text>
      )}
    </Stack>
  );
  return (
    <ValuesFormWrapper onSubmit={submit} onClear={() => onApply([])} canClear={current.length > 0}>
      {list}
    </ValuesFormWrapper>
  );
}

function ValuesFormWrapper({
  children,
  onSubmit,
  onClear,
  canClear,
}: {
  children: ReactNode;
  onSubmit: (event: FormEvent) => void;
  onClear: () => void;
  canClear: boolean;
}) {
  return (
    <form onSubmit={onSubmit}>
      {children}
      <Actions onClear={onClear} canClear={canClear} />
    </form>
  );
}

type TextMode = 'contains' | 'exact' | 'empty' | 'notEmpty';

function initialTextMode(column: string, current: FilterEntries): { mode: TextMode; text: string } {
  for (const [key, value] of current) {
    const { op } = splitFilterKey(key);
    if (op === 'contains') return { mode: 'contains', text: value };
    if (op === 'empty') return { mode: value === 'false' ? 'notEmpty' : 'empty', text: '' };
    if (op === 'is' && key === column) return { mode: 'exact', text: value };
  }
  return { mode: 'contains', text: '' };
}

function textEntries(column: string, mode: TextMode, text: string): FilterEntries {
  switch (mode) {
    case 'contains':
      return text.trim() === '' ? [] : [[`${column}.contains`, text.trim()]];
    case 'exact':
      return text.trim() === '' ? [] : [[column, text.trim()]];
    case 'empty':
      return [[`${column}.empty`, 'true']];
    case 'notEmpty':
      return [[`${column}.empty`, 'false']];
  }
}

function TextModeControl({
  mode,
  onChange,
  withExact = true,
}: {
  mode: TextMode;
  onChange: (mode: TextMode) => void;
  withExact?: boolean;
}) {
  const { t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      fullWidth
      aria-label={t('sessions.filter.text.mode')}
      value={mode}
      onChange={(value) => onChange(value as TextMode)}
      data={[
        { value: 'contains', label: t('sessions.filter.text.contains') },
        ...(withExact ? [{ value: 'exact', label: t('sessions.filter.text.exact') }] : []),
        { value: 'empty', label: t('sessions.filter.text.empty') },
        { value: 'notEmpty', label: t('sessions.filter.text.notEmpty') },
      ]}
    />
  );
}

/** Contains / exactly / empty / not empty, for IDs, URLs, phones, IPs and other free text. */
function TextFilter({ column, current, onApply }: ControlProps) {
  const { t } = useI18n();
  const initial = initialTextMode(column.id, current);
  const [mode, setMode] = useState<TextMode>(initial.mode);
  const [text, setText] = useState(initial.text);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onApply(textEntries(column.id, mode, text));
      }}
    >
      <Stack gap="xs">
        <TextModeControl mode={mode} onChange={setMode} />
        {(mode === 'contains' || mode === 'exact') && (
          <TextInput
            size="xs"
            label={t('sessions.filter.text.value')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            data-autofocus
          />
        )}
      </Stack>
      <Actions onClear={() => onApply([])} canClear={current.length > 0} />
    </form>
  );
}

type ParamMode = 'values' | TextMode;

/** Parameters: pick from the values that occur (with counts), or match text, or (not) empty. */
function ParamFilter(props: ControlProps) {
  const { t } = useI18n();
  const { column, current, onApply } = props;
  const textual = initialTextMode(column.id, current);
  const hasValues = current.some(([key]) => key === column.id);
  const [mode, setMode] = useState<ParamMode>(hasValues || current.length === 0 ? 'values' : textual.mode);
  const [text, setText] = useState(textual.mode === 'contains' ? textual.text : '');
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label={t('sessions.filter.text.mode')}
        value={mode}
        onChange={(value) => setMode(value)}
        data={[
          { value: 'values', label: t('sessions.filter.text.exact') },
          { value: 'contains', label: t('sessions.filter.text.contains') },
          { value: 'empty', label: t('sessions.filter.text.empty') },
          { value: 'notEmpty', label: t('sessions.filter.text.notEmpty') },
        ]}
      />
      {mode === 'values' ? (
        <ValuesFilter {...props} current={hasValues ? current : []} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onApply(textEntries(column.id, mode, text));
          }}
        >
          {mode === 'contains' && (
            <TextInput
              size="xs"
              label={t('sessions.filter.text.value')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-autofocus
            />
          )}
          <Actions onClear={() => onApply([])} canClear={current.length > 0} />
        </form>
      )}
    </Stack>
  );
}

type Preset = 'today' | 'last7' | 'thisMonth' | 'custom';
const LOCAL_FORMAT = 'YYYY-MM-DDTHH:mm';
/** The date pickers' value format (Mantine's date strings). */
const PICKER_VALUE = 'YYYY-MM-DD HH:mm:ss';

function presetRange(preset: Exclude<Preset, 'custom'>): [string, string] {
  const now = dayjs();
  switch (preset) {
    case 'today':
      return [now.startOf('day').format(LOCAL_FORMAT), now.endOf('day').format(LOCAL_FORMAT)];
    case 'last7':
      return [
        now.subtract(6, 'day').startOf('day').format(LOCAL_FORMAT),
        now.endOf('day').format(LOCAL_FORMAT),
      ];
    case 'thisMonth':
      return [now.startOf('month').format(LOCAL_FORMAT), now.endOf('month').format(LOCAL_FORMAT)];
  }
}

/** From–to in the user's time zone, with presets; sent to the API as ISO instants. */
function DateRangeFilter({ column, current, onApply }: ControlProps) {
  const { t, language } = useI18n();
  // Dates as the chosen language writes them (the DatesProvider gives the month and day names).
  const pickerFormat = language === 'cs' ? 'D. M. YYYY H:mm' : 'D MMM YYYY, HH:mm';
  const toLocal = (iso: string | undefined) => (iso ? dayjs(iso).format(LOCAL_FORMAT) : '');
  const [from, setFrom] = useState(() => toLocal(valueOf(current, `${column.id}.min`)));
  const [to, setTo] = useState(() => toLocal(valueOf(current, `${column.id}.max`)));
  const [preset, setPreset] = useState<Preset>('custom');
  const invalid = from !== '' && to !== '' && !dayjs(from).isBefore(dayjs(to));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid) return;
        const entries: FilterEntries = [];
        if (from !== '') entries.push([`${column.id}.min`, dayjs(from).toISOString()]);
        // "To" is inclusive to the end of the chosen minute.
        if (to !== '')
          entries.push([`${column.id}.max`, dayjs(to).add(59, 'second').add(999, 'ms').toISOString()]);
        onApply(entries);
      }}
    >
      <Stack gap="xs">
        <Group gap={6} role="group" aria-label={t('sessions.filter.presets')}>
          {(['today', 'last7', 'thisMonth', 'custom'] as const).map((value) => (
            <Button
              key={value}
              size="compact-xs"
              variant={preset === value ? 'filled' : 'light'}
              aria-pressed={preset === value}
              onClick={() => {
                setPreset(value);
                if (value !== 'custom') {
                  const [min, max] = presetRange(value);
                  setFrom(min);
                  setTo(max);
                }
              }}
            >
              {t(`sessions.filter.preset.${value}`)}
            </Button>
          ))}
        </Group>
        <DateTimePicker
          size="xs"
          label={t('sessions.filter.from')}
          valueFormat={pickerFormat}
          clearable
          value={from === '' ? null : dayjs(from).format(PICKER_VALUE)}
          popoverProps={{ withinPortal: false }}
          onChange={(value) => {
            setFrom(value ? dayjs(value).format(LOCAL_FORMAT) : '');
            setPreset('custom');
          }}
        />
        <DateTimePicker
          size="xs"
          label={t('sessions.filter.to')}
          valueFormat={pickerFormat}
          clearable
          value={to === '' ? null : dayjs(to).format(PICKER_VALUE)}
          popoverProps={{ withinPortal: false }}
          error={invalid ? t('sessions.filter.invalidRange') : undefined}
          onChange={(value) => {
            setTo(value ? dayjs(value).format(LOCAL_FORMAT) : '');
            setPreset('custom');
          }}
        />
      </Stack>
      <Actions onClear={() => onApply([])} canClear={current.length > 0} />
    </form>
  );
}

/** Min/max; durations in minutes or seconds (the API takes seconds). */
function NumberRangeFilter({ column, current, onApply }: ControlProps) {
  const { t } = useI18n();
  const isDuration = column.type === 'duration';
  const currentMin = valueOf(current, `${column.id}.min`);
  const currentMax = valueOf(current, `${column.id}.max`);
  const wholeMinutes = [currentMin, currentMax].every((v) => v === undefined || Number(v) % 60 === 0);
  const [unit, setUnit] = useState<'minutes' | 'seconds'>(isDuration && wholeMinutes ? 'minutes' : 'seconds');
  const factor = isDuration && unit === 'minutes' ? 60 : 1;
  const [min, setMin] = useState<string | number>(
    currentMin === undefined ? '' : Number(currentMin) / factor,
  );
  const [max, setMax] = useState<string | number>(
    currentMax === undefined ? '' : Number(currentMax) / factor,
  );
  const invalid = min !== '' && max !== '' && Number(min) > Number(max);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid) return;
        const entries: FilterEntries = [];
        if (min !== '') entries.push([`${column.id}.min`, String(Math.round(Number(min) * factor))]);
        if (max !== '') entries.push([`${column.id}.max`, String(Math.round(Number(max) * factor))]);
        onApply(entries);
      }}
    >
      <Stack gap="xs">
        {isDuration && (
          <SegmentedControl
            size="xs"
            fullWidth
            aria-label={t('sessions.filter.unit')}
            value={unit}
            onChange={(value) => setUnit(value)}
            data={[
              { value: 'minutes', label: t('sessions.filter.unit.minutes') },
              { value: 'seconds', label: t('sessions.filter.unit.seconds') },
            ]}
          />
        )}
        <Group grow gap="xs" align="flex-start">
          <NumberInput
            size="xs"
            label={t('sessions.filter.min')}
            min={0}
            allowNegative={false}
            decimalScale={isDuration && unit === 'minutes' ? 1 : 0}
            value={min}
            onChange={setMin}
            data-autofocus
          />
          <NumberInput
            size="xs"
            label={t('sessions.filter.max')}
            min={0}
            allowNegative={false}
            decimalScale={isDuration && unit === 'minutes' ? 1 : 0}
            value={max}
            onChange={setMax}
            error={invalid ? t('sessions.filter.invalidRange') : undefined}
          />
        </Group>
      </Stack>
      <Actions onClear={() => onApply([])} canClear={current.length > 0} />
    </form>
  );
}
