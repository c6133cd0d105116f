import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Notification,
  Radio,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowForwardUp, IconCheck, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useI18n, type Translate } from '../../i18n';
import { isApiError } from '../../lib/api';
import { foldForSearch } from '../../lib/fold';
import { redirectApi, redirectKeys, type RedirectTarget, type RoutingTargets } from './redirect.api';
import { sessionKeys } from './useSessionsData';

type Kind = 'operator' | 'group';

interface Option {
  id: string;
  name: string;
  detail: string;
  badge: { label: string; color: string } | null;
  /** Why it cannot be chosen; `null` when it can. */
  reason: string | null;
}

const stateColor = { online: 'green', away: 'yellow', break: 'orange', offline: 'gray' } as const;

/** Choosable targets first, each part in the server's (name) order. */
function availableFirst(options: Option[]): Option[] {
  return [...options.filter((o) => o.reason === null), ...options.filter((o) => o.reason !== null)];
}

function operatorOptions(targets: RoutingTargets, t: Translate): Option[] {
  return availableFirst(
    targets.operators.map((operator) => ({
      id: operator.id,
      name: operator.name,
      detail: t('redirect.load', { active: operator.activeSessions, capacity: operator.capacity }),
      badge: { label: t(`redirect.state.${operator.state}`), color: stateColor[operator.state] },
      reason:
        operator.state !== 'online'
          ? t('redirect.reason.notOnline')
          : operator.activeSessions >= operator.capacity
            ? t('redirect.reason.full')
            : null,
    })),
  );
}

function groupOptions(targets: RoutingTargets, t: Translate): Option[] {
  return availableFirst(
    targets.groups.map((group) => ({
      id: group.id,
      name: group.name,
      detail: `${t('redirect.queue', { queued: group.queued, size: group.queueSize })} · ${t(`redirect.strategy.${group.strategy}`)}`,
      badge: null,
      reason: group.queued >= group.queueSize ? t('redirect.reason.queueFull') : null,
    })),
  );
}

/** The server's refusal in words a person understands. */
function redirectErrorText(error: unknown, name: string, t: Translate): string {
  if (!isApiError(error)) return t('redirect.error.other', { message: String(error) });
  switch (error.code) {
    case 'routing.session_ended':
      return t('redirect.error.sessionEnded');
    case 'routing.operator_unavailable':
      return t('redirect.error.operatorUnavailable', { name });
    case 'routing.operator_full':
      return t('redirect.error.operatorFull', { name });
    case 'routing.group_full':
      return t('redirect.error.groupFull', { name });
    case 'routing.already_there':
      return t('redirect.error.alreadyThere', { name });
    case 'not_found':
      return t('redirect.error.notFound');
    default:
      if (error.status === 403) return t('redirect.error.forbidden');
      return t('redirect.error.other', { message: error.message });
  }
}

/**
 * "Redirect" for a live session: a modal to pick an online operator or a group, then
 * `POST /api/v1/sessions/:id/redirect`. Refreshes the detail and routing and confirms with a notice.
 */
export function RedirectButton({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [kind, setKind] = useState<Kind>('operator');
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [done, setDone] = useState<string | null>(null);
  /** The name of the target last sent, for the refusal's text (the list may change after it). */
  const [attempted, setAttempted] = useState('');

  const targets = useQuery({
    queryKey: redirectKeys.targets,
    queryFn: ({ signal }) => redirectApi.targets(signal),
    enabled: opened,
    staleTime: 0,
  });

  const redirect = useMutation({
    mutationFn: (target: RedirectTarget) => redirectApi.redirect(sessionId, target),
    onSuccess: (routing, target) => {
      const list = 'operatorId' in target ? targets.data?.operators : targets.data?.groups;
      const id = 'operatorId' in target ? target.operatorId : target.groupId;
      const name = list?.find((row) => row.id === id)?.name ?? id;
      queryClient.setQueryData(sessionKeys.routing(sessionId), routing);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.routing(sessionId) });
      void queryClient.invalidateQueries({ queryKey: ['sessions', 'transcript', sessionId] });
      void queryClient.invalidateQueries({ queryKey: redirectKeys.targets });
      setOpened(false);
      setDone(t('redirect.done', { id: sessionId, target: name }));
    },
    onError: () => {
      // Fresh states and loads explain most refusals (someone went offline, a queue filled up).
      void targets.refetch();
    },
  });

  useEffect(() => {
    if (done === null) return;
    const timer = window.setTimeout(() => setDone(null), 6000);
    return () => window.clearTimeout(timer);
  }, [done]);

  const open = () => {
    setKind('operator');
    setSelected(null);
    setSearch('');
    redirect.reset();
    setOpened(true);
  };

  const options = targets.data
    ? kind === 'operator'
      ? operatorOptions(targets.data, t)
      : groupOptions(targets.data, t)
    : [];
  const chosen = options.find((option) => option.id === selected && option.reason === null);
  const needle = foldForSearch(search.trim());
  const shown = needle ? options.filter((option) => foldForSearch(option.name).includes(needle)) : options;

  const submit = () => {
    if (!chosen) return;
    setAttempted(chosen.name);
    redirect.mutate(kind === 'operator' ? { operatorId: chosen.id } : { groupId: chosen.id });
  };

  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconArrowForwardUp size={16} aria-hidden />}
        onClick={open}
      >
        {t('redirect.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('redirect.title', { id: sessionId })}
        size="md"
        // Above the detail panel, which covers the page at phone width (z-index 300).
        zIndex={400}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('redirect.description')}
          </Text>
          <SegmentedControl
            fullWidth
            value={kind}
            onChange={(value) => {
              setKind(value);
              setSelected(null);
              setSearch('');
              redirect.reset();
            }}
            data={[
              { value: 'operator', label: t('redirect.toOperator') },
              { value: 'group', label: t('redirect.toGroup') },
            ]}
          />
          {targets.isPending ? (
            <Center py="md">
              <Loader size="sm" aria-label={t('app.loading')} />
            </Center>
          ) : targets.isError ? (
            <Alert color="red" variant="light" title={t('redirect.loadFailed')}>
              <Button size="xs" variant="light" color="red" onClick={() => void targets.refetch()}>
                {t('sessions.error.retry')}
              </Button>
            </Alert>
          ) : options.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t(kind === 'operator' ? 'redirect.noOperators' : 'redirect.noGroups')}
            </Text>
          ) : (
            <>
              <TextInput
                size="xs"
                leftSection={<IconSearch size={14} aria-hidden />}
                placeholder={t(kind === 'operator' ? 'redirect.searchOperators' : 'redirect.searchGroups')}
                aria-label={t(kind === 'operator' ? 'redirect.searchOperators' : 'redirect.searchGroups')}
                value={search}
                onChange={(event) => setSearch(event.currentTarget.value)}
                data-autofocus
              />
              <Radio.Group
                value={selected}
                onChange={(value) => {
                  setSelected(value);
                  redirect.reset();
                }}
                label={t(kind === 'operator' ? 'redirect.pickOperator' : 'redirect.pickGroup')}
              >
                <ScrollArea.Autosize mah={320} mt={6} type="auto">
                  <Stack gap={6}>
                    {shown.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t('redirect.noMatch')}
                      </Text>
                    )}
                    {shown.map((option) => (
                      <Radio.Card
                        key={option.id}
                        value={option.id}
                        disabled={option.reason !== null}
                        radius="md"
                        p="xs"
                        style={option.reason !== null ? { opacity: 0.6, cursor: 'not-allowed' } : undefined}
                        aria-label={option.reason ? `${option.name} — ${option.reason}` : option.name}
                      >
                        <Group wrap="nowrap" gap="sm" align="flex-start">
                          <Radio.Indicator disabled={option.reason !== null} mt={2} />
                          <div style={{ flex: 1, minWidth: 0 }}>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" fw={600} truncate>
                                {option.name}
                              </Text>
                              {option.badge && (
                                <Badge size="xs" variant="light" color={option.badge.color} tt="none">
                                  {option.badge.label}
                                </Badge>
                              )}
                            </Group>
                            <Text size="xs" c="dimmed">
                              {option.detail}
                            </Text>
                            {option.reason && (
                              <Text size="xs" c="red.8">
                                {option.reason}
                              </Text>
                            )}
                          </div>
                        </Group>
                      </Radio.Card>
                    ))}
                  </Stack>
                </ScrollArea.Autosize>
              </Radio.Group>
            </>
          )}
          {redirect.isError && (
            <Alert color="red" variant="light" title={t('redirect.failedTitle')} role="alert">
              {redirectErrorText(redirect.error, attempted, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('redirect.cancel')}
            </Button>
            <Button onClick={submit} disabled={!chosen} loading={redirect.isPending}>
              {t('redirect.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {done && (
        <Notification
          role="status"
          color="green"
          icon={<IconCheck size={18} aria-hidden />}
          onClose={() => setDone(null)}
          closeButtonProps={{ 'aria-label': t('detail.close') }}
          style={{ position: 'fixed', bottom: 24, right: 24, zIndex: 400, maxWidth: 420 }}
        >
          {done}
        </Notification>
      )}
    </>
  );
}
