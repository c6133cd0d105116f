import {
  Alert,
  Badge,
  Button,
  Center,
  EmptyState,
  Loader,
  Paper,
  Stack,
  Text,
  Timeline,
} from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useFormat, useI18n, type MessageKey } from '../../i18n';
import { cs } from '../../i18n/cs';
import { isApiError } from '../../lib/api';
import { formatDuration } from '../../lib/duration';
import { enumLabel } from './labels';
import { sessionsApi } from './sessions.api';
import { sessionKeys } from './useSessionsData';

/** Shown while the server has no such endpoint yet (the route answers 404 for a session that exists). */
export function NotAvailableYet({
  title,
  description,
  icon,
}: {
  title: string;
  description: string;
  icon?: ReactNode;
}) {
  return (
    <EmptyState
      py="xl"
      variant="light"
      color="gray"
      icon={icon ?? <IconRoute size={26} stroke={1.6} aria-hidden />}
      title={title}
      description={description}
    />
  );
}

/** The routing timeline: current state of a live session, then every routing event in order. */
export function RoutingTab({ sessionId, live }: { sessionId: string; live: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const routing = useQuery({
    queryKey: sessionKeys.routing(sessionId),
    queryFn: ({ signal }) => sessionsApi.routing(sessionId, signal),
    refetchInterval: live ? 5000 : false,
  });

  if (routing.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (routing.isError) {
    if (isApiError(routing.error) && routing.error.status === 404) {
      return (
        <NotAvailableYet
          title={t('routing.unavailableTitle')}
          description={t('routing.unavailableDescription')}
        />
      );
    }
    return (
      <Alert color="red" variant="light" title={t('routing.loadFailed')}>
        <Button size="xs" variant="light" color="red" onClick={() => void routing.refetch()}>
          {t('sessions.error.retry')}
        </Button>
      </Alert>
    );
  }
  const { current, events } = routing.data;
  return (
    <Stack gap="md">
      {current && (
        <Paper withBorder p="sm" radius="md" bg="ocean.0">
          <Text fw={600} size="sm" mb={4}>
            {t('routing.current')}: {enumLabel('status', current.state, t)}
          </Text>
          <Stack gap={2}>
            {current.groupName && <Text size="sm">{current.groupName}</Text>}
            {current.queuePosition !== null && (
              <Text size="sm">{t('routing.queuePosition', { position: current.queuePosition })}</Text>
            )}
            {current.waitingSeconds !== null && (
              <Text size="sm">
                {t('routing.waiting', { duration: formatDuration(current.waitingSeconds) })}
              </Text>
            )}
            {current.offeredTo.length > 0 && (
              <Text size="sm">
                {t('routing.offeredTo', { names: current.offeredTo.map((o) => o.name).join(', ') })}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      {events.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('routing.empty')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={events.length - 1}>
          {events.map((event) => {
            const key = `routing.kind.${event.kind}`;
            const title = key in cs ? t(key as MessageKey & `routing.kind.${string}`) : event.kind;
            const who = [event.user?.name, event.group?.name].filter(Boolean).join(' · ');
            const reason = typeof event.data.reason === 'string' ? event.data.reason : null;
            const reasonKey = `routing.reason.${reason}`;
            return (
              <Timeline.Item key={event.id} title={title}>
                <Text size="xs" c="dimmed">
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                </Text>
                {who && (
                  <Text size="sm">
                    {event.kind === 'redirected' ? t('routing.redirectedTo', { name: who }) : who}
                  </Text>
                )}
                {reason && reasonKey in cs && (
                  <Text size="xs" c="dimmed">
                    {t(reasonKey as MessageKey & `routing.reason.${string}`)}
                  </Text>
                )}
                {event.actor && (
                  <Badge size="xs" variant="light" color="gray" tt="none">
                    {t('routing.by', { name: event.actor.name })}
                  </Badge>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Stack>
  );
}
