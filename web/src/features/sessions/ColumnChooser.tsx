import { foldForSearch } from '../../lib/fold';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Divider,
  Group,
  Popover,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconColumns3,
  IconGripVertical,
  IconRestore,
  IconSearch,
} from '@tabler/icons-react';
import { useId, useState } from 'react';
import { PARAM_PREFIX } from '../../../../common/columns';
import { useI18n } from '../../i18n';
import { columnLabel } from './labels';
import type { Column } from './sessions.api';
import classes from './sessions.module.css';

interface ColumnChooserProps {
  catalogue: Column[];
  visibleIds: string[];
  onChange: (ids: string[]) => void;
  onReset: () => void;
}

/** Every column of the catalogue (parameters included): search, show/hide, reorder, reset. */
export function ColumnChooser({ catalogue, visibleIds, onChange, onReset }: ColumnChooserProps) {
  const { t, language } = useI18n();
  const titleId = useId();
  const [search, setSearch] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const byId = new Map(catalogue.map((column) => [column.id, column]));
  const visible = visibleIds.filter((id) => byId.has(id));
  const hidden = catalogue.filter((column) => !visible.includes(column.id));
  const needle = foldForSearch(search.trim());
  const matches = (column: Column) =>
    needle === '' ||
    foldForSearch(column.label.cs).includes(needle) ||
    foldForSearch(column.label.en).includes(needle) ||
    foldForSearch(column.id).includes(needle);

  const move = (id: string, delta: number) => {
    const index = visible.indexOf(id);
    const target = index + delta;
    if (index < 0 || target < 0 || target >= visible.length) return;
    const next = [...visible];
    next.splice(index, 1);
    next.splice(target, 0, id);
    onChange(next);
    // Keep keyboard focus on the same column's button after it moved.
    requestAnimationFrame(() => {
      document.getElementById(`column-${delta < 0 ? 'up' : 'down'}-${id}`)?.focus();
    });
  };
  const drop = (targetId: string) => {
    if (!dragging || dragging === targetId) return;
    const next = visible.filter((id) => id !== dragging);
    next.splice(next.indexOf(targetId), 0, dragging);
    onChange(next);
  };
  const label = (column: Column) => columnLabel(column, column.id, language);
  const paramBadge = (column: Column) =>
    column.id.startsWith(PARAM_PREFIX) ? (
      <Badge size="xs" variant="light" color="gray" tt="none">
        {t('sessions.columns.param')}
      </Badge>
    ) : null;

  return (
    <Popover position="bottom-end" shadow="md" width={340} trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} aria-hidden />}>
          {t('sessions.columns.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-labelledby={titleId}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} size="sm" id={titleId}>
              {t('sessions.columns.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('sessions.columns.shown', { count: visible.length, total: catalogue.length })}
            </Text>
          </Group>
          <TextInput
            size="xs"
            aria-label={t('sessions.columns.search')}
            placeholder={t('sessions.columns.search')}
            leftSection={<IconSearch size={14} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-autofocus
          />
          <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
            <Stack gap={2} role="list">
              {visible
                .map((id) => byId.get(id)!)
                .filter(matches)
                .map((column) => {
                  const index = visible.indexOf(column.id);
                  return (
                    <div
                      key={column.id}
                      role="listitem"
                      className={classes.columnItem}
                      draggable={needle === ''}
                      data-dragging={dragging === column.id || undefined}
                      data-over={(over === column.id && dragging !== column.id) || undefined}
                      onDragStart={(event) => {
                        event.dataTransfer.effectAllowed = 'move';
                        setDragging(column.id);
                      }}
                      onDragOver={(event) => {
                        event.preventDefault();
                        setOver(column.id);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setOver(null);
                      }}
                      onDrop={(event) => {
                        event.preventDefault();
                        drop(column.id);
                        setDragging(null);
                        setOver(null);
                      }}
                    >
                      <span
                        className={classes.dragHandle}
                        title={t('sessions.columns.drag', { name: label(column) })}
                      >
                        <IconGripVertical size={14} aria-hidden />
                      </span>
                      <Checkbox
                        size="xs"
                        style={{ flex: 1, minWidth: 0 }}
                        checked
                        onChange={() => onChange(visible.filter((id) => id !== column.id))}
                        label={
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" truncate>
                              {label(column)}
                            </Text>
                            {paramBadge(column)}
                          </Group>
                        }
                      />
                      <ActionIcon
                        id={`column-up-${column.id}`}
                        size="sm"
                        variant="subtle"
                        color="gray"
                        disabled={index === 0}
                        aria-label={t('sessions.columns.moveUp', { name: label(column) })}
                        onClick={() => move(column.id, -1)}
                      >
                        <IconArrowUp size={14} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        id={`column-down-${column.id}`}
                        size="sm"
                        variant="subtle"
                        color="gray"
                        disabled={index === visible.length - 1}
                        aria-label={t('sessions.columns.moveDown', { name: label(column) })}
                        onClick={() => move(column.id, 1)}
                      >
                        <IconArrowDown size={14} aria-hidden />
                      </ActionIcon>
                    </div>
                  );
                })}
              {hidden.some(matches) && visible.some((id) => matches(byId.get(id)!)) && <Divider my={4} />}
              {hidden.filter(matches).map((column) => (
                <div key={column.id} role="listitem" className={classes.columnItem}>
                  <span className={classes.dragHandle} style={{ visibility: 'hidden' }}>
                    <IconGripVertical size={14} aria-hidden />
                  </span>
                  <Checkbox
                    size="xs"
                    style={{ flex: 1, minWidth: 0 }}
                    checked={false}
                    onChange={() => onChange([...visible, column.id])}
                    label={
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" truncate>
                          {label(column)}
                        </Text>
                        {paramBadge(column)}
                      </Group>
                    }
                  />
                </div>
              ))}
              {!catalogue.some(matches) && (
                <Text size="xs" c="dimmed" p="xs">
                  {t('sessions.columns.none')}
                </Text>
              )}
            </Stack>
          </ScrollArea.Autosize>
          <Button
            variant="subtle"
            size="xs"
            color="gray"
            leftSection={<IconRestore size={14} aria-hidden />}
            onClick={onReset}
          >
            {t('sessions.columns.reset')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
