import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconDownload, IconVideo } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useFormat, useI18n, type MessageKey } from '../../i18n';
import { cs } from '../../i18n/cs';
import { isApiError } from '../../lib/api';
import { formatBytes, formatDuration } from '../../lib/duration';
import { RecordingPlayer } from './RecordingPlayer';
import { NotAvailableYet } from './RoutingTab';
import { sessionsApi } from './sessions.api';
import { sessionKeys } from './useSessionsData';

/**
 * Recordings of the session (the tab is shown only when the tenant records): one player for the stored
 * tracks, then each track with its kind, start, length, size, state and a download link.
 */
export function RecordingsTab({ sessionId }: { sessionId: string }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const recordings = useQuery({
    queryKey: sessionKeys.recordings(sessionId),
    queryFn: async ({ signal }) => (await sessionsApi.recordings(sessionId, signal)).recordings,
    // A recording being received or probed becomes ready in seconds: look again until it has.
    refetchInterval: (query) =>
      query.state.data?.some((recording) => recording.state === 'processing') ? 3000 : false,
  });
  if (recordings.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (recordings.isError) {
    if (isApiError(recordings.error) && recordings.error.status === 404) {
      return (
        <NotAvailableYet
          title={t('recordings.unavailableTitle')}
          description={t('recordings.unavailableDescription')}
          icon={<IconVideo size={26} stroke={1.6} aria-hidden />}
        />
      );
    }
    return (
      <Alert color="red" variant="light" title={recordings.error.message}>
        <Button size="xs" variant="light" color="red" onClick={() => void recordings.refetch()}>
          {t('sessions.error.retry')}
        </Button>
      </Alert>
    );
  }
  if (recordings.data.length === 0) return <Text c="dimmed">{t('recordings.empty')}</Text>;
  const label = (prefix: string, value: string) =>
    `${prefix}${value}` in cs ? t(`${prefix}${value}` as MessageKey & `recordings.${string}`) : value;
  const playable = recordings.data.filter((recording) => recording.mediaUrl !== null);
  return (
    <Stack gap="sm">
      {playable.length > 0 && <RecordingPlayer sessionId={sessionId} recordings={playable} />}
      {recordings.data.map((recording) => (
        <Paper key={recording.id} withBorder p="sm" radius="md">
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {label('recordings.track.', recording.track)}
            </Text>
            <Text size="xs" c="dimmed">
              {label('recordings.state.', recording.state)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {[
              format.dateTime(recording.startedAt),
              recording.durationSeconds !== null ? formatDuration(recording.durationSeconds) : null,
              recording.sizeBytes !== null ? formatBytes(recording.sizeBytes, locale) : null,
              recording.mediaType,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {recording.mediaUrl !== null ? (
            <Anchor
              href={`${recording.mediaUrl}?download=1`}
              download
              size="xs"
              mt={4}
              display="inline-block"
            >
              <IconDownload size={12} aria-hidden /> {t('recordings.download')}
            </Anchor>
          ) : recording.state === 'ready' ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t('recordings.notStored')}
            </Text>
          ) : recording.state === 'failed' && recording.failureReason ? (
            <Text size="xs" c="red" mt={4}>
              <bdi>{recording.failureReason}</bdi>
            </Text>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}
