import { Anchor, Badge, Group, Text } from '@mantine/core';
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

/** Columns whose value is another session's id, shown as a link that opens it. */
const sessionLinkColumns: Partial<Record<string, 'restoredFrom' | 'restoredAs'>> = {
  restoredFrom: 'restoredFrom',
  restoredAs: 'restoredAs',
};

export function SessionCell({
  column,
  item: fetched,
  elapsed = 0,
  onOpenSession,
}: {
  column: Column;
  item: SessionItem;
  elapsed?: number;
  onOpenSession?: (id: string) => void;
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
  const link = sessionLinkColumns[column.id];
  const linked = link ? item[link] : null;
  if (linked && onOpenSession) {
    return (
      <Anchor
        component="button"
        size="sm"
        className={classes.mono}
        onClick={(event) => {
          // The row's own click would open this row instead.
          event.stopPropagation();
          onOpenSession(linked);
        }}
      >
        #{linked}
      </Anchor>
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
