import { Badge, Group, Text } from '@mantine/core';
import { PARAM_PREFIX } from '../../../../common/columns';
import { useFormat, useT } from '../../i18n';
import { cellText } from './labels';
import type { Column, SessionItem } from './sessions.api';
import classes from './sessions.module.css';
import { statusColor } from './statusColor';

/** One cell of the table: each column type rendered the way it reads best. */
/** Seconds since the row was fetched; a live session's running clocks move on by that much. */
function running(item: SessionItem, elapsed: number): SessionItem {
  if (elapsed < 1 || item.status === 'closed') return item;
  const waiting = item.status === 'queued' || item.status === 'offered';
  return {
    ...item,
    waitingTime: waiting && item.waitingTime !== null ? item.waitingTime + elapsed : item.waitingTime,
    duration: !waiting && item.duration !== null ? item.duration + elapsed : item.duration,
  };
}

export function SessionCell({
  column,
  item: fetched,
  elapsed = 0,
}: {
  column: Column;
  item: SessionItem;
  elapsed?: number;
}) {
  const t = useT();
  const format = useFormat();
  const item = running(fetched, elapsed);
  const text = cellText(column, item, t, format);

  if (column.id === 'status') {
    return (
      <Badge variant="light" color={statusColor(item.status)} radius="sm" tt="none" fw={600}>
        {text}
      </Badge>
    );
  }
  if (column.type === 'tags' && item.tags.length > 0) {
    return (
      <Group gap={4} wrap="nowrap">
        {item.tags.map((tag) => (
          <Badge key={tag} variant="outline" color="gray" radius="sm" tt="none" fw={500}>
            <bdi>{tag}</bdi>
          </Badge>
        ))}
      </Group>
    );
  }
  if (text === '') {
    return (
      <Text span c="gray.5" size="sm" aria-label={t('sessions.value.empty')}>
        —
      </Text>
    );
  }
  const isId = column.type === 'id';
  return (
    <span
      dir="auto"
      className={isId ? classes.mono : undefined}
      title={column.type === 'text' || column.id.startsWith(PARAM_PREFIX) ? text : undefined}
    >
      {text}
    </span>
  );
}
