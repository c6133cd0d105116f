import {
  Alert,
  Badge,
  Button,
  Center,
  FileButton,
  Group,
  Progress,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useFormat, useI18n } from '../../i18n';
import { isApiError } from '../../lib/api';
import { formatBytes, formatDuration } from '../../lib/duration';
import { useNow } from '../../lib/useNow';
import { enumLabel } from '../sessions/labels';
import { useOfferAlert } from './useOfferAlert';
import { useOperatorSocket } from './useOperatorSocket';
import {
  fileUrl,
  INLINE_IMAGE_TYPES,
  TYPING_EVERY_MS,
  workspaceApi,
  workspaceKeys,
  type Offer,
  type OperatorSession,
  type OperatorState,
  type SeatActivity,
} from './workspace.api';
import classes from './workspace.module.css';

const STATES: readonly OperatorState[] = ['online', 'away', 'break', 'offline'];
const NO_OFFERS: Offer[] = [];

/**
 * The operator's seat: their state and load, the offers waiting for their answer (with the time left),
 * the sessions they are in, and the conversation of the chosen one — write, end with a result. Kept
 * current by the operator WebSocket; a reload or a dropped connection loses nothing (the server holds it).
 */
export function WorkspacePage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: workspaceKeys.overview,
    queryFn: ({ signal }) => workspaceApi.overview(signal),
  });
  const { state: socket, typing } = useOperatorSocket(overview.isSuccess);
  useOfferAlert(overview.data?.offers ?? NO_OFFERS, (offer) => ({
    title: t('workspace.newOffer'),
    body: t('workspace.newOfferBody', { name: offer.clientName ?? t('workspace.anonymous') }),
  }));
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  const [selected, setSelected] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: workspaceKeys.overview });

  const setState = useMutation({
    mutationFn: (state: OperatorState) => workspaceApi.setState(state),
    onSettled: refresh,
  });

  const sessions = overview.data?.sessions ?? [];
  const current = sessions.find((session) => session.id === selected) ?? sessions[0] ?? null;

  if (overview.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (overview.isError) {
    return (
      <Alert color="red" variant="light" title={t('workspace.loadFailed')}>
        {isApiError(overview.error) && overview.error.code === 'live.no_user'
          ? t('workspace.noUser')
          : overview.error.message}
      </Alert>
    );
  }

  const { user, offers } = overview.data;
  return (
    <div className={classes.page}>
      <PageHeader
        title={t('workspace.title')}
        description={t('workspace.description')}
        actions={
          <Group gap="sm" wrap="wrap">
            <Badge variant="light" color={socket === 'open' ? 'green' : 'orange'} tt="none">
              {socket === 'open' ? t('workspace.connected') : t('workspace.reconnecting')}
            </Badge>
            {permission === 'default' && (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => void Notification.requestPermission().then(setPermission)}
              >
                {t('workspace.notifications')}
              </Button>
            )}
            <Text size="sm" fw={600} data-testid="workspace-load">
              {t('workspace.load', { active: sessions.length + offers.length, capacity: user.capacity })}
            </Text>
            <SegmentedControl
              aria-label={t('workspace.state')}
              value={user.state}
              onChange={(value) => setState.mutate(value)}
              data={STATES.map((state) => ({ value: state, label: t(`redirect.state.${state}`) }))}
            />
          </Group>
        }
      />
      <div className={classes.columns}>
        <Stack gap="md" className={classes.side}>
          <section aria-labelledby="workspace-offers">
            <Title order={2} fz="sm" id="workspace-offers" mb={6}>
              {t('workspace.offers', { count: offers.length })}
            </Title>
            {offers.length === 0 ? (
              <Text size="sm" c="dimmed">
                {user.state === 'online' ? t('workspace.noOffers') : t('workspace.goOnline')}
              </Text>
            ) : (
              <Stack gap="xs">
                {offers.map((offer) => (
                  <OfferCard key={offer.sessionId} offer={offer} onAnswered={(id) => setSelected(id)} />
                ))}
              </Stack>
            )}
          </section>
          <section aria-labelledby="workspace-sessions">
            <Title order={2} fz="sm" id="workspace-sessions" mb={6}>
              {t('workspace.sessions', { count: sessions.length })}
            </Title>
            {sessions.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('workspace.noSessions')}
              </Text>
            ) : (
              <Stack gap={4} role="list">
                {sessions.map((session) => (
                  <SessionButton
                    key={session.id}
                    session={session}
                    active={session.id === current?.id}
                    onSelect={() => setSelected(session.id)}
                  />
                ))}
              </Stack>
            )}
          </section>
        </Stack>
        {current ? (
          <Conversation
            key={current.id}
            session={current}
            clientTyping={(typing[current.id] ?? 0) > Date.now()}
            maxFileBytes={overview.data.maxFileBytes}
          />
        ) : (
          <Paper withBorder radius="lg" p="xl" className={classes.conversation}>
            <Text c="dimmed">{t('workspace.pickSession')}</Text>
          </Paper>
        )}
      </div>
    </div>
  );
}

function OfferCard({ offer, onAnswered }: { offer: Offer; onAnswered: (sessionId: string) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const now = useNow(true);
  const left = offer.expiresAt ? Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000)) : null;
  const waited = Math.max(0, Math.round((now - Date.parse(offer.createdAt)) / 1000));
  const answer = useMutation({
    mutationFn: (accept: boolean) =>
      accept ? workspaceApi.accept(offer.sessionId) : workspaceApi.decline(offer.sessionId),
    onSuccess: (_result, accept) => {
      if (accept) onAnswered(offer.sessionId);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.overview }),
  });
  const name = offer.clientName ?? t('workspace.anonymous');
  return (
    <Paper withBorder radius="md" p="sm" aria-label={t('workspace.offerFrom', { name })}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" truncate>
          <bdi>{name}</bdi>
        </Text>
        <Badge variant="light" tt="none">
          {enumLabel('channel', offer.channel, t)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {[offer.groupName, t('workspace.waiting', { duration: formatDuration(waited) })]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {left !== null && (
        <Text size="xs" c={left <= 10 ? 'red.8' : 'dimmed'} role="timer">
          {t('workspace.timeLeft', { seconds: left })}
        </Text>
      )}
      {answer.isError && (
        <Text size="xs" c="red.8" role="alert">
          {answer.error.message}
        </Text>
      )}
      <Group gap="xs" mt={6}>
        <Button size="compact-sm" onClick={() => answer.mutate(true)} loading={answer.isPending}>
          {t('workspace.accept')}
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          color="gray"
          onClick={() => answer.mutate(false)}
          disabled={answer.isPending}
        >
          {t('workspace.decline')}
        </Button>
      </Group>
    </Paper>
  );
}

function SessionButton({
  session,
  active,
  onSelect,
}: {
  session: OperatorSession;
  active: boolean;
  onSelect: () => void;
}) {
  const { t } = useI18n();
  return (
    <UnstyledButton
      role="listitem"
      className={classes.sessionButton}
      data-active={active || undefined}
      aria-current={active || undefined}
      onClick={onSelect}
    >
      <Text size="sm" fw={600} truncate>
        <bdi>{session.clientName ?? t('workspace.anonymous')}</bdi>
      </Text>
      <Text size="xs" c="dimmed">
        #{session.id} · {enumLabel('channel', session.channel, t)} ·{' '}
        {t('workspace.messages', { count: session.messageCount })}
      </Text>
    </UnstyledButton>
  );
}

function Conversation({
  session,
  clientTyping,
  maxFileBytes,
}: {
  session: OperatorSession;
  clientTyping: boolean;
  maxFileBytes: number;
}) {
  const { t, language } = useI18n();
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [ending, setEnding] = useState(false);
  const [result, setResult] = useState('');
  const bottom = useRef<HTMLDivElement>(null);
  const transcript = useQuery({
    queryKey: [...workspaceKeys.transcript(session.id), language],
    queryFn: ({ signal }) => workspaceApi.transcript(session.id, language, signal),
  });
  const items = transcript.data?.items ?? [];

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [items.length]);

  const send = useMutation({
    mutationFn: (message: string) => workspaceApi.send(session.id, message),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.transcript(session.id) });
    },
  });
  const end = useMutation({
    mutationFn: () => workspaceApi.end(session.id, result.trim() || undefined),
    onSuccess: () => {
      setEnding(false);
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.overview });
    },
  });

  const sendFile = async (file: File | null) => {
    if (!file) return;
    setUploadError(null);
    if (file.size > maxFileBytes) {
      setUploadError(
        t('workspace.fileTooLarge', { name: file.name, limit: Math.floor(maxFileBytes / 1024 / 1024) }),
      );
      return;
    }
    setUpload({ name: file.name, percent: 0 });
    try {
      await workspaceApi.upload(session.id, file, (fraction) =>
        setUpload({ name: file.name, percent: Math.round(fraction * 100) }),
      );
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.transcript(session.id) });
    } catch (error) {
      setUploadError(
        t('workspace.uploadFailed', {
          name: file.name,
          reason: error instanceof Error ? error.message : String(error),
        }),
      );
    } finally {
      setUpload(null);
    }
  };
  const onType = (value: string) => {
    setText(value);
    const now = Date.now();
    if (value.trim() !== '' && now - lastTyping.current >= TYPING_EVERY_MS) {
      lastTyping.current = now;
      // Best effort: a lost "typing" changes nothing the client reads later.
      workspaceApi.typing(session.id).catch(() => undefined);
    }
  };

  const submit = () => {
    const message = text.trim();
    if (message && !send.isPending) send.mutate(message);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter starts a new line (and IME composition is left alone).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Paper withBorder radius="lg" className={classes.conversation} aria-label={t('workspace.conversation')}>
      <Group justify="space-between" px="md" py="sm" className={classes.conversationHeader}>
        <div>
          <Title order={2} fz="h5">
            <bdi>{session.clientName ?? t('workspace.anonymous')}</bdi>
          </Title>
          <Text size="xs" c="dimmed">
            #{session.id} · {enumLabel('channel', session.channel, t)}
            {session.acceptedAt ? ` · ${format.dateTime(session.acceptedAt)}` : ''}
          </Text>
        </div>
        <Button size="xs" variant="light" color="red" onClick={() => setEnding(true)}>
          {t('workspace.end')}
        </Button>
      </Group>
      <div className={classes.messages} aria-live="polite">
        {transcript.isPending ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : (
          items.map((item) => (
            <Line key={item.id} item={item} sessionId={session.id} clientName={session.clientName} />
          ))
        )}
        <div ref={bottom} />
      </div>
      <Text size="xs" c="dimmed" px="md" className={classes.typing} role="status">
        {clientTyping
          ? t('workspace.clientTyping', { name: session.clientName ?? t('workspace.anonymous') })
          : ''}
      </Text>
      {upload && (
        <Stack gap={2} px="md" pb={4}>
          <Text size="xs">{t('workspace.uploading', { name: upload.name, percent: upload.percent })}</Text>
          <Progress value={upload.percent} size="sm" aria-label={upload.name} />
        </Stack>
      )}
      {uploadError && (
        <Text size="xs" c="red.8" px="md" pb="xs" role="alert">
          {uploadError}
        </Text>
      )}
      <form
        className={classes.composer}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FileButton onChange={(file) => void sendFile(file)}>
          {(props) => (
            <Tooltip label={t('workspace.attach')}>
              <Button
                {...props}
                variant="default"
                px={10}
                aria-label={t('workspace.attach')}
                disabled={upload !== null}
              >
                <IconPaperclip size={18} aria-hidden />
              </Button>
            </Tooltip>
          )}
        </FileButton>
        <Textarea
          aria-label={t('workspace.message')}
          placeholder={t('workspace.messagePlaceholder')}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={10_000}
          value={text}
          onChange={(event) => onType(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={send.isPending} disabled={text.trim() === ''}>
          {t('workspace.send')}
        </Button>
      </form>
      {send.isError && (
        <Text size="xs" c="red.8" px="md" pb="xs" role="alert">
          {send.error.message}
        </Text>
      )}
      <Modal
        opened={ending}
        onClose={() => setEnding(false)}
        title={t('workspace.endTitle', { id: session.id })}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            end.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('workspace.result')}
              description={t('workspace.resultHint')}
              maxLength={200}
              value={result}
              onChange={(event) => setResult(event.currentTarget.value)}
              data-autofocus
            />
            {end.isError && (
              <Text size="sm" c="red.8" role="alert">
                {end.error.message}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEnding(false)}>
                {t('workspace.cancel')}
              </Button>
              <Button type="submit" color="red" loading={end.isPending}>
                {t('workspace.end')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}

function Line({
  item,
  sessionId,
  clientName,
}: {
  item: SeatActivity;
  sessionId: string;
  clientName: string | null;
}) {
  const { t } = useI18n();
  const format = useFormat();
  if (item.type === 'system') {
    return (
      <Text size="xs" c="dimmed" ta="center" className={classes.system}>
        {item.text} · {format.time(item.at)}
      </Text>
    );
  }
  const mine = item.sender === 'operator';
  const who =
    item.userName ?? (item.sender === 'client' && clientName ? clientName : t(`enum.sender.${item.sender}`));
  return (
    <div className={mine ? classes.lineMine : classes.line}>
      <Text size="xs" c="dimmed">
        <bdi>{who}</bdi> · {format.time(item.at)}
      </Text>
      <div className={mine ? classes.bubbleMine : classes.bubble} dir="auto">
        {item.file ? <FileLine item={item} sessionId={sessionId} file={item.file} /> : item.text}
      </div>
    </div>
  );
}

/** A file of the transcript: a thumbnail for an image the server shows inline, else a download link. */
function FileLine({
  item,
  sessionId,
  file,
}: {
  item: SeatActivity;
  sessionId: string;
  file: NonNullable<SeatActivity['file']>;
}) {
  const { t, language } = useI18n();
  // A line from the messages API may name a file whose bytes were never sent: nothing to open.
  const stored = item.type === 'file';
  const image = stored && file.mimeType !== null && INLINE_IMAGE_TYPES.has(file.mimeType);
  return (
    <>
      {image && (
        <a href={fileUrl(sessionId, item.id)} target="_blank" rel="noreferrer">
          <img src={fileUrl(sessionId, item.id)} alt={file.name} className={classes.thumbnail} />
        </a>
      )}
      <span>
        <IconPaperclip size={14} aria-hidden style={{ verticalAlign: -2 }} />{' '}
        {stored ? (
          <a
            href={fileUrl(sessionId, item.id, true)}
            download={file.name}
            aria-label={t('workspace.download', { name: file.name })}
          >
            <bdi>{file.name}</bdi>
          </a>
        ) : (
          <bdi>{file.name}</bdi>
        )}
        {file.size !== null ? ` (${formatBytes(file.size, language)})` : ''}
        {item.text ? ` — ${item.text}` : ''}
      </span>
    </>
  );
}
