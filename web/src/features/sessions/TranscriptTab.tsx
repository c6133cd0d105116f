import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import {
  IconAlertCircle,
  IconCheck,
  IconChecks,
  IconClock,
  IconDownload,
  IconFile,
} from '@tabler/icons-react';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useFormat, useI18n } from '../../i18n';
import { formatBytes } from '../../lib/duration';
import { enumLabel } from './labels';
import { sessionsApi, type Activity, type TranscriptPage } from './sessions.api';
import classes from './sessions.module.css';
import { sessionKeys } from './useSessionsData';
import { revealFileName } from '../../../../common/bidi';

type PageParam = { cursor?: string; around?: string };

/** The conversation as bubbles; opened at a search hit (`around`) when there is one. */
export function TranscriptTab({ sessionId, hit }: { sessionId: string; hit: string | null }) {
  const { t, language } = useI18n();
  const transcript = useInfiniteQuery<
    TranscriptPage,
    Error,
    InfiniteData<TranscriptPage>,
    readonly unknown[],
    PageParam
  >({
    // System messages come worded in the reader's language: another language is another answer.
    queryKey: [...sessionKeys.transcript(sessionId, hit), language],
    queryFn: ({ pageParam, signal }) => sessionsApi.transcript(sessionId, pageParam, language, signal),
    initialPageParam: hit ? { around: hit } : {},
    getNextPageParam: (last) => (last.nextCursor ? { cursor: last.nextCursor } : undefined),
    getPreviousPageParam: (first) => (first.prevCursor ? { cursor: first.prevCursor } : undefined),
  });
  const scrolledTo = useRef<string | null>(null);
  const activities = transcript.data?.pages.flatMap((page) => page.items) ?? [];

  useEffect(() => {
    if (!hit || scrolledTo.current === hit || !transcript.data) return;
    const element = document.getElementById(`activity-${hit}`);
    if (element) {
      scrolledTo.current = hit;
      element.scrollIntoView({ block: 'center' });
    }
  }, [hit, transcript.data]);

  if (transcript.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (transcript.isError) {
    return (
      <Alert color="red" variant="light" title={t('transcript.loadFailed')}>
        <Button size="xs" variant="light" color="red" onClick={() => void transcript.refetch()}>
          {t('sessions.error.retry')}
        </Button>
      </Alert>
    );
  }
  if (activities.length === 0) return <Text c="dimmed">{t('transcript.empty')}</Text>;

  return (
    <Stack gap="sm" aria-label={t('detail.tab.transcript')}>
      {transcript.hasPreviousPage && (
        <Button
          variant="subtle"
          size="xs"
          loading={transcript.isFetchingPreviousPage}
          onClick={() => void transcript.fetchPreviousPage()}
        >
          {t('transcript.loadEarlier')}
        </Button>
      )}
      {activities.map((activity) => (
        <ActivityView key={activity.id} activity={activity} isHit={activity.id === hit} />
      ))}
      {transcript.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          loading={transcript.isFetchingNextPage}
          onClick={() => void transcript.fetchNextPage()}
        >
          {t('transcript.loadLater')}
        </Button>
      )}
    </Stack>
  );
}

function ActivityView({ activity, isHit }: { activity: Activity; isHit: boolean }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const time = (
    <time dateTime={activity.at} title={format.dateTime(activity.at)}>
      {format.time(activity.at)}
    </time>
  );

  if (activity.type === 'system' || activity.sender === 'system') {
    return (
      <div id={`activity-${activity.id}`} className={classes.system} data-sender="system">
        <bdi>{activity.text ?? activity.systemCode}</bdi> · {time}
      </div>
    );
  }

  const staff = activity.sender === 'operator' || activity.sender === 'chatbot';
  // Shown with every bidi control visible, so the real extension shows ("invoice\u202Egpj.exe").
  const fileName = activity.file ? revealFileName(activity.file.name) : '';
  const senderLabel = activity.senderName ?? enumLabel('sender', activity.sender, t);
  const bubbleClass = [
    classes.bubble,
    activity.sender === 'operator' ? classes.bubbleOperator : '',
    activity.sender === 'chatbot' ? classes.bubbleChatbot : '',
    isHit ? classes.bubbleHit : '',
  ].join(' ');

  return (
    <div
      id={`activity-${activity.id}`}
      className={`${classes.bubbleRow} ${staff ? classes.bubbleRowStaff : ''}`}
      data-sender={activity.sender}
      aria-current={isHit ? 'true' : undefined}
    >
      <Text size="xs" c="dimmed" mb={2}>
        <Text span fw={600} size="xs" c="gray.7">
          <bdi>{senderLabel}</bdi>
        </Text>
        {activity.senderName ? ` (${t(`enum.sender.${activity.sender as 'client'}`)})` : ''} · {time}
        {isHit && (
          <Text span size="xs" c="yellow.9" fw={600}>
            {' '}
            · {t('transcript.hit')}
          </Text>
        )}
      </Text>
      <div className={bubbleClass} dir="auto">
        {activity.file ? (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconFile size={20} aria-hidden style={{ flexShrink: 0 }} />
            <Stack gap={2}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                <bdi>{fileName}</bdi>
              </Text>
              <Text size="xs" c="dimmed">
                {[
                  activity.file.size !== null ? formatBytes(activity.file.size, locale) : null,
                  activity.file.mimeType,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {activity.file.url && isImage(activity.file.mimeType) && (
                <Anchor href={activity.file.url} target="_blank" rel="noopener noreferrer">
                  <img
                    src={activity.file.url}
                    alt={fileName}
                    loading="lazy"
                    style={{ display: 'block', maxWidth: 220, maxHeight: 160, borderRadius: 6 }}
                  />
                </Anchor>
              )}
              {activity.file.url ? (
                <Anchor href={`${activity.file.url}?download=1`} download={fileName} size="xs">
                  <Group gap={4} wrap="nowrap">
                    <IconDownload size={14} aria-hidden />
                    {t('transcript.download', { name: fileName })}
                  </Group>
                </Anchor>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('transcript.fileUnavailable')}
                </Text>
              )}
              {activity.text && <Text size="sm">{activity.text}</Text>}
            </Stack>
          </Group>
        ) : (
          activity.text
        )}
      </div>
      {activity.delivery && <DeliveryTicks delivery={activity.delivery} />}
    </div>
  );
}

/**
 * Where an outbound line of a messaging session is, as messengers show it: a clock while it is being
 * sent, one tick when the platform took it, two when it reached the phone, two blue when read, and
 * "not delivered" with the platform's reason.
 */
function DeliveryTicks({ delivery }: { delivery: NonNullable<Activity['delivery']> }) {
  const { t } = useI18n();
  const label = enumLabel('deliveryState', delivery.state, t);
  const icon = {
    pending: <IconClock size={14} aria-hidden />,
    sent: <IconCheck size={14} aria-hidden />,
    delivered: <IconChecks size={14} aria-hidden />,
    read: <IconChecks size={14} aria-hidden color="var(--mantine-color-blue-6)" />,
    failed: <IconAlertCircle size={14} aria-hidden color="var(--mantine-color-red-7)" />,
  }[delivery.state];
  return (
    <Group
      gap={4}
      wrap="nowrap"
      justify="flex-end"
      data-delivery={delivery.state}
      title={delivery.reason ?? label}
    >
      {icon}
      <Text size="xs" c={delivery.state === 'failed' ? 'red.7' : 'dimmed'}>
        {label}
        {delivery.state === 'failed' && delivery.reason ? `: ${delivery.reason}` : ''}
      </Text>
    </Group>
  );
}

/** Images the server shows inline (sniffed raster formats); anything else is only downloaded. */
function isImage(mimeType: string | null): boolean {
  return (
    mimeType === 'image/png' ||
    mimeType === 'image/jpeg' ||
    mimeType === 'image/gif' ||
    mimeType === 'image/webp'
  );
}
