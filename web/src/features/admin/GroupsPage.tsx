import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group as Row,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { adminErrorText } from './adminError';
import { configApi, configKeys, type Group, type GroupBody } from './config.api';
import { useCanAdminister } from './useCanAdminister';
import { userKeys, usersApi } from './users.api';

type Strategy = Group['strategy'];

function GroupForm({
  initial,
  groups,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Group;
  groups: Group[];
  pending: boolean;
  error: string | null;
  onSubmit: (body: GroupBody & { name: string }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const users = useQuery({ queryKey: userKeys.list, queryFn: ({ signal }) => usersApi.list(signal) });
  const [name, setName] = useState(initial?.name ?? '');
  const [strategy, setStrategy] = useState<Strategy>(initial?.strategy ?? 'utilisation');
  const [acceptTimeoutSeconds, setAccept] = useState(initial?.acceptTimeoutSeconds ?? 30);
  const [queueSize, setQueue] = useState(initial?.queueSize ?? 20);
  const [maxWait, setMaxWait] = useState<number | ''>(initial?.maxWaitSeconds ?? '');
  const [nextGroupId, setNext] = useState<string | null>(initial?.nextGroupId ?? null);
  const [members, setMembers] = useState(
    (initial?.members ?? []).map((m) => ({ userId: m.userId, priority: m.priority })),
  );
  const people = users.data?.items ?? [];
  const nameOf = (userId: string) => people.find((u) => u.id === userId)?.name ?? userId;
  const candidates = people
    .filter((u) => u.active && !members.some((m) => m.userId === u.id))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({
          name,
          strategy,
          acceptTimeoutSeconds,
          queueSize,
          maxWaitSeconds: maxWait === '' ? null : maxWait,
          nextGroupId,
          members,
        });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('admin.groups.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <Select
          label={t('admin.groups.strategy')}
          data={(['utilisation', 'whole_group'] as const).map((value) => ({
            value,
            label: t(`admin.groups.strategy.${value}`),
          }))}
          value={strategy}
          allowDeselect={false}
          onChange={(value) => {
            if (value === 'utilisation' || value === 'whole_group') setStrategy(value);
          }}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NumberInput
            label={t('admin.groups.acceptTimeout')}
            min={5}
            max={3600}
            value={acceptTimeoutSeconds}
            onChange={(v) => typeof v === 'number' && setAccept(v)}
          />
          <NumberInput
            label={t('admin.groups.queueSize')}
            min={0}
            max={10000}
            value={queueSize}
            onChange={(v) => typeof v === 'number' && setQueue(v)}
          />
          <NumberInput
            label={t('admin.groups.maxWait')}
            placeholder={t('admin.groups.maxWaitHint')}
            min={10}
            max={86400}
            value={maxWait}
            onChange={(v) => setMaxWait(typeof v === 'number' ? v : '')}
          />
        </SimpleGrid>
        <Select
          label={t('admin.groups.nextGroup')}
          placeholder={t('admin.groups.none')}
          clearable
          data={groups.filter((g) => g.id !== initial?.id).map((g) => ({ value: g.id, label: g.name }))}
          value={nextGroupId}
          onChange={setNext}
        />
        <Text size="sm" fw={500}>
          {t('admin.groups.members')}
        </Text>
        {members.map((member, index) => (
          <Row key={member.userId} gap="xs" wrap="nowrap">
            <Text size="sm" style={{ flex: 1 }} truncate>
              {nameOf(member.userId)}
            </Text>
            <NumberInput
              aria-label={`${t('admin.groups.priority')}: ${nameOf(member.userId)}`}
              min={0}
              max={100}
              w={90}
              value={member.priority}
              onChange={(v) =>
                setMembers((list) =>
                  list.map((m, i) => (i === index ? { ...m, priority: typeof v === 'number' ? v : 0 } : m)),
                )
              }
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('admin.groups.removeMember', { name: nameOf(member.userId) })}
              onClick={() => setMembers((list) => list.filter((_, i) => i !== index))}
            >
              <IconX size={16} />
            </ActionIcon>
          </Row>
        ))}
        <Select
          aria-label={t('admin.groups.addMember')}
          placeholder={t('admin.groups.addMember')}
          searchable
          data={candidates}
          value={null}
          onChange={(value) => value && setMembers((list) => [...list, { userId: value, priority: 1 }])}
        />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Row justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('admin.save')}
          </Button>
        </Row>
      </Stack>
    </form>
  );
}

/** Administration › Groups: operator groups, their queue settings and members with priorities. */
export function GroupsPage() {
  const t = useT();
  const canEdit = useCanAdminister();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const groups = useQuery({ queryKey: configKeys.groups, queryFn: ({ signal }) => configApi.groups(signal) });
  const list = groups.data?.items ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: configKeys.groups });
  const save = useMutation({
    mutationFn: (body: GroupBody & { name: string }) =>
      editing && editing !== 'new' ? configApi.updateGroup(editing.id, body) : configApi.createGroup(body),
    onSuccess: async () => {
      await refresh();
      setEditing(null);
    },
  });
  const remove = useMutation({
    mutationFn: (group: Group) => configApi.deleteGroup(group.id),
    onSuccess: async () => {
      await refresh();
      setDeleting(null);
    },
  });
  const nameOf = (groupId: string | null) => list.find((g) => g.id === groupId)?.name;

  return (
    <>
      <PageHeader
        title={t('admin.groups.title')}
        description={t('admin.groups.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('admin.groups.add')}
            </Button>
          )
        }
      />
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.readOnly')}
        </Text>
      )}
      {groups.isError && <Alert color="red">{adminErrorText(groups.error, t)}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {list.map((group) => (
          <Paper key={group.id} withBorder radius="md" p="md" data-group={group.name}>
            <Row justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Title order={2} fz="h4" fw={600}>
                  <bdi>{group.name}</bdi>
                </Title>
                <Text size="xs" c="dimmed">
                  {t(`admin.groups.strategy.${group.strategy}`)} · {t('admin.groups.acceptTimeout')}{' '}
                  {group.acceptTimeoutSeconds} · {t('admin.groups.queueSize')} {group.queueSize}
                  {group.maxWaitSeconds !== null && ` · ${t('admin.groups.maxWait')} ${group.maxWaitSeconds}`}
                  {group.nextGroupId && ` → ${nameOf(group.nextGroupId) ?? group.nextGroupId}`}
                </Text>
              </div>
              {canEdit && (
                <Row gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('admin.groups.editTitle', { name: group.name })}
                    onClick={() => setEditing(group)}
                  >
                    <IconPencil size={18} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('admin.groups.delete')}: ${group.name}`}
                    onClick={() => setDeleting(group)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Row>
              )}
            </Row>
            <Row gap={6} mt="sm">
              {group.members.length === 0 && (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
              {group.members.map((member) => (
                <Badge
                  key={member.userId}
                  variant={member.active ? 'light' : 'outline'}
                  color={member.active ? 'blue' : 'gray'}
                  tt="none"
                  rightSection={<Text size="xs">{member.priority}</Text>}
                >
                  {member.name}
                </Badge>
              ))}
            </Row>
            <Text size="xs" c="dimmed" mt="sm">
              {t('admin.groups.usage', { rules: group.rules, live: group.liveSessions })}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
          save.reset();
        }}
        size="lg"
        title={
          editing === 'new' || editing === null
            ? t('admin.groups.add')
            : t('admin.groups.editTitle', { name: editing.name })
        }
      >
        {editing !== null && (
          <GroupForm
            initial={editing === 'new' ? undefined : editing}
            groups={list}
            pending={save.isPending}
            error={save.isError ? adminErrorText(save.error, t) : null}
            onSubmit={(body) => save.mutate(body)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title={t('admin.groups.delete')}
      >
        {deleting && (
          <Stack gap="sm">
            <Text size="sm">{t('admin.groups.deleteConfirm', { name: deleting.name })}</Text>
            {remove.isError && (
              <Alert color="red" variant="light" role="alert">
                {adminErrorText(remove.error, t)}
              </Alert>
            )}
            <Row justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t('admin.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting)}>
                {t('admin.groups.delete')}
              </Button>
            </Row>
          </Stack>
        )}
      </Modal>
    </>
  );
}
