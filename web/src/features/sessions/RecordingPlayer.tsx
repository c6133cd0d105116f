import { ActionIcon, Box, Group, Paper, ScrollArea, Slider, Stack, Text } from '@mantine/core';
import { IconPlayerPauseFilled, IconPlayerPlayFilled } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { sessionsApi, type Recording } from './sessions.api';

/** Drift between a track and the shared clock that makes the player set the track's time again. */
const MAX_DRIFT_SECONDS = 0.3;

interface Track {
  recording: Recording;
  url: string;
  video: boolean;
  /** Seconds from the session's first recorded moment to this track's start. */
  offset: number;
  /** Seconds long: the element's own once it knows, else the server's. */
  duration: number;
}

/** A player's clock: "0:07", "12:45", "1:02:03". */
function clockText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(whole % 60)}` : `${m}:${pad(whole % 60)}`;
}

/**
 * One player for all of a session's recorded tracks: a shared clock on the session's time line starts,
 * pauses and seeks every track where it overlaps that moment (a track that starts later joins when the
 * clock reaches it), and the transcript line said at the current moment is highlighted.
 */
export function RecordingPlayer({ sessionId, recordings }: { sessionId: string; recordings: Recording[] }) {
  const { t, locale } = useI18n();
  const origin = useMemo(
    () => Math.min(...recordings.map((recording) => new Date(recording.startedAt).getTime())),
    [recordings],
  );
  const [durations, setDurations] = useState<Record<string, number>>({});
  const tracks: Track[] = recordings.map((recording) => ({
    recording,
    url: recording.mediaUrl ?? '',
    video: recording.mediaType.startsWith('video/'),
    offset: (new Date(recording.startedAt).getTime() - origin) / 1000,
    duration: durations[recording.id] ?? recording.durationSeconds ?? 0,
  }));
  const length = Math.max(1, ...tracks.map((track) => track.offset + track.duration));

  const elements = useRef(new Map<string, HTMLMediaElement>());
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const clock = useRef({ position: 0, wall: 0 });

  /** Brings every track to the clock's moment: playing where it covers it, paused elsewhere. */
  const sync = useCallback(
    (at: number, play: boolean) => {
      for (const track of tracks) {
        const element = elements.current.get(track.recording.id);
        if (!element) continue;
        const local = at - track.offset;
        const inside = local >= 0 && local < (track.duration || Number.POSITIVE_INFINITY);
        if (!inside) {
          if (!element.paused) element.pause();
          continue;
        }
        if (Math.abs(element.currentTime - local) > MAX_DRIFT_SECONDS) element.currentTime = local;
        if (play && element.paused) void element.play().catch(() => undefined);
        if (!play && !element.paused) element.pause();
      }
    },
    [recordings, durations, origin],
  );

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const now = performance.now();
      const at = clock.current.position + (now - clock.current.wall) / 1000;
      if (at >= length) {
        setPlaying(false);
        setPosition(length);
        sync(length, false);
        return;
      }
      setPosition(at);
      sync(at, true);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, length, sync]);

  const start = () => {
    const from = position >= length ? 0 : position;
    clock.current = { position: from, wall: performance.now() };
    setPosition(from);
    sync(from, true);
    setPlaying(true);
  };
  const pause = () => {
    setPlaying(false);
    sync(position, false);
  };
  const seek = (to: number) => {
    clock.current = { position: to, wall: performance.now() };
    setPosition(to);
    sync(to, playing);
  };

  // The transcript's first page, for the line said at the current moment.
  const transcript = useQuery({
    queryKey: ['sessions', 'transcript', sessionId, 'player', locale],
    queryFn: async ({ signal }) => (await sessionsApi.transcript(sessionId, {}, locale, signal)).items,
  });
  const lines = (transcript.data ?? []).filter((line) => line.type !== 'system' || line.text);
  const now = origin + position * 1000;
  const current = lines.reduce<string | null>(
    (found, line) => (new Date(line.at).getTime() <= now ? line.id : found),
    null,
  );
  const currentRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <Paper withBorder p="sm" radius="md" data-testid="recording-player">
      <Stack gap="xs">
        {tracks
          .filter((track) => track.video)
          .map((track) => (
            <Box
              key={track.recording.id}
              component="video"
              ref={(element: HTMLVideoElement | null) =>
                register(elements.current, track.recording.id, element)
              }
              src={track.url}
              preload="metadata"
              playsInline
              onLoadedMetadata={(event) =>
                noteDuration(event.currentTarget, track.recording.id, setDurations)
              }
              style={{ width: '100%', maxHeight: 240, background: 'black', borderRadius: 6 }}
              aria-label={t(
                `recordings.track.${track.recording.track}` as 'recordings.track.all_participants',
              )}
            />
          ))}
        {tracks
          .filter((track) => !track.video)
          .map((track) => (
            <audio
              key={track.recording.id}
              ref={(element) => register(elements.current, track.recording.id, element)}
              src={track.url}
              preload="metadata"
              onLoadedMetadata={(event) =>
                noteDuration(event.currentTarget, track.recording.id, setDurations)
              }
            />
          ))}
        <Group gap="sm" wrap="nowrap">
          <ActionIcon
            size="lg"
            radius="xl"
            onClick={playing ? pause : start}
            aria-label={playing ? t('recordings.pause') : t('recordings.play')}
          >
            {playing ? <IconPlayerPauseFilled size={18} /> : <IconPlayerPlayFilled size={18} />}
          </ActionIcon>
          <Slider
            style={{ flex: 1 }}
            min={0}
            max={length}
            step={0.1}
            value={Math.min(position, length)}
            onChange={seek}
            label={clockText}
            aria-label={t('recordings.seek')}
            data-testid="recording-seek"
          />
          <Text
            size="xs"
            c="dimmed"
            ff="monospace"
            data-testid="recording-time"
            style={{ whiteSpace: 'nowrap' }}
          >
            {clockText(position)} / {clockText(length)}
          </Text>
        </Group>
        {lines.length > 0 && (
          <ScrollArea.Autosize mah={180} type="auto">
            <Stack gap={2}>
              {lines.map((line) => {
                const active = line.id === current;
                return (
                  <Box
                    key={line.id}
                    ref={active ? currentRef : undefined}
                    px={6}
                    py={2}
                    data-current={active || undefined}
                    style={{
                      borderRadius: 4,
                      background: active ? 'var(--mantine-color-yellow-light)' : undefined,
                      cursor: 'pointer',
                    }}
                    onClick={() =>
                      seek(Math.max(0, Math.min(length, (new Date(line.at).getTime() - origin) / 1000)))
                    }
                  >
                    <Text size="xs" lineClamp={2}>
                      <Text span c="dimmed" ff="monospace" size="xs">
                        {clockText((new Date(line.at).getTime() - origin) / 1000)}{' '}
                      </Text>
                      <Text span fw={600} size="xs">
                        {line.senderName ??
                          t(`recordings.sender.${line.sender}` as 'recordings.sender.client')}
                        :{' '}
                      </Text>
                      <bdi>{line.text ?? line.file?.name ?? ''}</bdi>
                    </Text>
                  </Box>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Stack>
    </Paper>
  );
}

function register(map: Map<string, HTMLMediaElement>, id: string, element: HTMLMediaElement | null) {
  if (element) map.set(id, element);
  else map.delete(id);
}

function noteDuration(
  element: HTMLMediaElement,
  id: string,
  set: (update: (previous: Record<string, number>) => Record<string, number>) => void,
) {
  if (Number.isFinite(element.duration) && element.duration > 0) {
    set((previous) =>
      previous[id] === element.duration ? previous : { ...previous, [id]: element.duration },
    );
  }
}
