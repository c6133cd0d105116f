import { Alert, Avatar, Button, Center, Group, Loader, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormat, useI18n } from '../../i18n';
import { sessionsApi, type Note } from './sessions.api';
import { sessionKeys } from './useSessionsData';

const MAX_NOTE = 20_000;

function authorOf(note: Note): string | null {
  return note.author.name;
}

/** Everyone's notes on the session; add one, edit or delete your own (as the server allows). */
export function NotesTab({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const key = sessionKeys.notes(sessionId);
  const notes = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => (await sessionsApi.notes(sessionId, signal)).items,
  });
  const [draft, setDraft] = useState('');
  const add = useMutation({
    mutationFn: (text: string) => sessionsApi.addNote(sessionId, text),
    onSuccess: async () => {
      setDraft('');
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const tooLong = draft.length > MAX_NOTE;

  return (
    <Stack gap="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim() === '' || tooLong) return;
          add.mutate(draft.trim());
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={t('notes.new')}
            autosize
            minRows={2}
            maxRows={8}
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            error={tooLong ? t('notes.tooLong', { max: MAX_NOTE }) : undefined}
          />
          {add.isError && (
            <Alert color="red" variant="light" p="xs">
              {t('notes.failed', { message: add.error.message })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={add.isPending} disabled={draft.trim() === '' || tooLong}>
              {t('notes.add')}
            </Button>
          </Group>
        </Stack>
      </form>
      {notes.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : notes.isError ? (
        <Alert color="red" variant="light" title={t('notes.loadFailed')}>
          <Button size="xs" variant="light" color="red" onClick={() => void notes.refetch()}>
            {t('sessions.error.retry')}
          </Button>
        </Alert>
      ) : notes.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('notes.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {notes.data.map((note) => (
            <li key={note.id}>
              <NoteView note={note} sessionId={sessionId} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function NoteView({ note, sessionId }: { note: Note; sessionId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const key = sessionKeys.notes(sessionId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [confirming, setConfirming] = useState(false);
  const author = authorOf(note) ?? t('notes.unknownAuthor');
  const edit = useMutation({
    mutationFn: (next: string) => sessionsApi.editNote(sessionId, note.id, next),
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: () => sessionsApi.deleteNote(sessionId, note.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const edited = note.updatedAt && note.updatedAt !== note.createdAt;

  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap="xs" mb={6} wrap="nowrap">
        <Avatar size={24} radius="xl" name={author} aria-hidden />
        <Text size="sm" fw={600}>
          <bdi>{author}</bdi>
        </Text>
        <Text size="xs" c="dimmed">
          <time dateTime={note.createdAt}>{format.dateTime(note.createdAt)}</time>
          {edited ? ` · ${t('notes.edited', { time: format.dateTime(note.updatedAt!) })}` : ''}
        </Text>
      </Group>
      {editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim() !== '' && text.length <= MAX_NOTE) edit.mutate(text.trim());
          }}
        >
          <Textarea
            aria-label={t('notes.editLabel')}
            autosize
            minRows={2}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            data-autofocus
          />
          {edit.isError && (
            <Alert color="red" variant="light" p="xs" mt="xs">
              {t('notes.failed', { message: edit.error.message })}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              {t('notes.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={edit.isPending}>
              {t('notes.save')}
            </Button>
          </Group>
        </form>
      ) : (
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {note.text}
        </Text>
      )}
      {!editing && (note.canEdit || note.canDelete) && (
        <Group gap="xs" mt="xs" justify="flex-end">
          {remove.isError && (
            <Text size="xs" c="red">
              {t('notes.deleteFailed', { message: remove.error.message })}
            </Text>
          )}
          {note.canEdit && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => {
                setText(note.text);
                setEditing(true);
              }}
            >
              {t('notes.edit')}
            </Button>
          )}
          {note.canDelete &&
            (confirming ? (
              <>
                <Button size="compact-xs" variant="default" onClick={() => setConfirming(false)}>
                  {t('notes.cancel')}
                </Button>
                <Button
                  size="compact-xs"
                  color="red"
                  loading={remove.isPending}
                  onClick={() => remove.mutate()}
                >
                  {t('notes.confirmDelete')}
                </Button>
              </>
            ) : (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
                {t('notes.delete')}
              </Button>
            ))}
        </Group>
      )}
    </Paper>
  );
}
