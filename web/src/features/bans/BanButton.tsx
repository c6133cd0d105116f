import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconBan, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BanIdentityKind } from '../../../../common/domain';
import { useI18n } from '../../i18n';
import { sessionKeys } from '../sessions/useSessionsData';
import { banKeys, bansApi, type NewBan } from './bans.api';
import { banErrorText, identityKindLabel } from './banWords';

/** How long a ban lasts: the dialog's choices; `date` takes the day it ends. */
const durations = ['forever', '1d', '7d', '30d', 'date'] as const;
type Duration = (typeof durations)[number];

interface Row {
  key: number;
  kind: BanIdentityKind;
  value: string;
  checked: boolean;
  /** Prefilled from the session (the value is the client's) or added by hand. */
  prefilled: boolean;
}

function expiryOf(duration: Duration, date: string): string | null | undefined {
  const days = { '1d': 1, '7d': 7, '30d': 30 } as const;
  if (duration === 'forever') return null;
  if (duration === 'date') {
    if (!date) return undefined;
    // The end of the chosen day in the browser's time zone.
    const end = new Date(`${date}T23:59:59`);
    return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
  }
  return new Date(Date.now() + days[duration] * 24 * 3600 * 1000).toISOString();
}

/**
 * "Ban" in the detail's top right corner: a dialog prefilled with the client's identities on the
 * session's channel (each can be unticked, an IP can be widened to a subnet, more can be added), a
 * reason (required) and a duration. The client's live session ends at once on the server.
 */
export function BanButton({ sessionId }: { sessionId: string }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<Duration>('forever');
  const [date, setDate] = useState('');
  const client = useQuery({
    queryKey: banKeys.sessionClient(sessionId),
    queryFn: ({ signal }) => bansApi.sessionClient(sessionId, signal),
  });
  const ban = useMutation({
    mutationFn: (body: NewBan) => bansApi.create(body),
    onSuccess: () => {
      setOpened(false);
      void queryClient.invalidateQueries({ queryKey: banKeys.all });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    },
  });
  const data = client.data;
  if (!data?.mayBan) return null;
  const banned = data.activeBanIds.length > 0;

  const open = () => {
    setRows(
      data.identities.map((identity, index) => ({
        key: index,
        kind: identity.kind,
        value: identity.value,
        // An address may be shared (an office, a mobile network): it is offered, not chosen.
        checked: identity.kind !== 'ip',
        prefilled: true,
      })),
    );
    setReason('');
    setDuration('forever');
    setDate('');
    ban.reset();
    setOpened(true);
  };
  const update = (key: number, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const chosen = rows.filter((row) => row.checked && row.value.trim() !== '');
  const expiresAt = expiryOf(duration, date);
  const valid = chosen.length > 0 && reason.trim() !== '' && expiresAt !== undefined;
  const submit = () => {
    if (!valid) return;
    ban.mutate({
      channel: data.channel,
      identities: chosen.map((row) => ({ kind: row.kind, value: row.value.trim() })),
      reason: reason.trim(),
      expiresAt: expiresAt ?? null,
      sessionId,
    });
  };

  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="red"
        leftSection={<IconBan size={16} aria-hidden />}
        onClick={open}
        title={banned ? t('ban.alreadyBanned') : undefined}
      >
        {banned ? t('ban.buttonAgain') : t('ban.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('ban.title')}
        size="lg"
        // Above the detail panel, which covers the screen on a phone (z-index 300).
        zIndex={400}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('ban.description')}
          </Text>
          <Text size="sm" fw={600}>
            {t('ban.identities')}
          </Text>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('ban.noIdentities')}
            </Text>
          )}
          {rows.map((row) => (
            <Group key={row.key} gap="xs" wrap="nowrap" align="center">
              <Checkbox
                checked={row.checked}
                onChange={(event) => update(row.key, { checked: event.currentTarget.checked })}
                aria-label={identityKindLabel(row.kind, language)}
              />
              <Select
                size="xs"
                w={{ base: 120, xs: 170 }}
                data={data.kinds.map((kind) => ({ value: kind, label: identityKindLabel(kind, language) }))}
                value={row.kind}
                allowDeselect={false}
                onChange={(value) => value && update(row.key, { kind: value })}
                aria-label={t('ban.kind')}
              />
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                value={row.value}
                onChange={(event) => update(row.key, { value: event.currentTarget.value })}
                aria-label={identityKindLabel(row.kind, language)}
                placeholder={row.kind === 'ip' ? t('ban.ipHint') : undefined}
              />
              {!row.prefilled && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))}
                  aria-label={t('ban.removeIdentity')}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
          {rows.some((row) => row.kind === 'ip') && (
            <Text size="xs" c="dimmed">
              {t('ban.ipHint')}
            </Text>
          )}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() =>
                setRows((current) => [
                  ...current,
                  {
                    key: Math.max(0, ...current.map((row) => row.key)) + 1,
                    kind: data.kinds[0] ?? 'visitorId',
                    value: '',
                    checked: true,
                    prefilled: false,
                  },
                ])
              }
            >
              {t('ban.addIdentity')}
            </Button>
          </Group>
          <Textarea
            label={t('ban.reason')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
          <Group gap="sm" align="flex-end">
            <Select
              label={t('ban.duration')}
              w={200}
              data={durations.map((value) => ({ value, label: t(`ban.duration.${value}`) }))}
              value={duration}
              allowDeselect={false}
              onChange={(value) => value && setDuration(value)}
            />
            {duration === 'date' && (
              <TextInput
                type="date"
                label={t('ban.until')}
                value={date}
                min={new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10)}
                onChange={(event) => setDate(event.currentTarget.value)}
              />
            )}
          </Group>
          {ban.isError && (
            <Alert color="red" variant="light" title={t('ban.failed')} role="alert">
              {banErrorText(ban.error, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('ban.cancel')}
            </Button>
            <Button color="red" onClick={submit} disabled={!valid} loading={ban.isPending}>
              {t('ban.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
