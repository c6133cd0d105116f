import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Menu,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useFormat, useT } from '../../i18n';
import type { UserRole } from '../auth';
import classes from './admin.module.css';
import { adminErrorText } from './adminError';
import { useCanAdminister } from './useCanAdminister';
import { userKeys, usersApi, type AdminUser, type CreateUserBody } from './users.api';

const roleOptions: readonly UserRole[] = ['operator', 'supervisor', 'admin'];
const stateColor = { online: 'green', away: 'yellow', break: 'orange', offline: 'gray' } as const;

function parseLanguages(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A secret shown once, with a copy button. */
export function OneTimeSecret({ label, secret }: { label: string; secret: string }) {
  const t = useT();
  return (
    <Alert color="yellow" variant="light" title={label}>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code className={classes.secret} data-testid="one-time-secret">
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('admin.copied') : t('admin.copy')}>
              <ActionIcon variant="subtle" onClick={copy} aria-label={t('admin.copy')}>
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}

function UserForm({
  initial,
  creating,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: AdminUser;
  creating: boolean;
  pending: boolean;
  error: string | null;
  onSubmit: (body: CreateUserBody) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [email, setEmail] = useState(initial?.email ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<UserRole>(initial?.role ?? 'operator');
  const [capacity, setCapacity] = useState<number>(initial?.capacity ?? 3);
  const [languages, setLanguages] = useState((initial?.languages ?? []).join(', '));
  const [password, setPassword] = useState('');

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({
          email,
          name,
          role,
          capacity,
          languages: parseLanguages(languages),
          ...(creating && password ? { password } : {}),
        });
      }}
    >
      <Stack gap="sm">
        {creating && (
          <TextInput
            label={t('admin.users.email')}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-autofocus
          />
        )}
        <TextInput
          label={t('admin.users.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Select
          label={t('admin.users.role')}
          data={roleOptions.map((value) => ({ value, label: t(`role.${value}`) }))}
          value={role}
          allowDeselect={false}
          onChange={(value) => {
            if (value === 'admin' || value === 'supervisor' || value === 'operator') setRole(value);
          }}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('admin.users.capacity')}
            description={t('admin.users.capacityDescription')}
            min={0}
            max={100}
            value={capacity}
            onChange={(value) => setCapacity(typeof value === 'number' ? value : 0)}
          />
          <TextInput
            label={t('admin.users.languages')}
            description={t('admin.users.languagesDescription')}
            value={languages}
            onChange={(event) => setLanguages(event.currentTarget.value)}
          />
        </Group>
        {creating && (
          <PasswordInput
            label={t('admin.users.password')}
            description={t('admin.users.passwordDescription')}
            value={password}
            autoComplete="new-password"
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {creating ? t('admin.users.add') : t('admin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UserName({ user }: { user: AdminUser }) {
  return (
    <div>
      <Text size="sm" fw={600} truncate>
        <bdi>{user.name}</bdi>
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {user.email}
        {user.languages.length > 0 && ` · ${user.languages.join(', ')}`}
      </Text>
    </div>
  );
}

function RoleBadge({ role }: { role: UserRole }) {
  const t = useT();
  return (
    <Badge variant="light" color={role === 'admin' ? 'grape' : role === 'supervisor' ? 'blue' : 'gray'}>
      {t(`role.${role}`)}
    </Badge>
  );
}

function StatusBadge({ user }: { user: AdminUser }) {
  const t = useT();
  return user.active ? (
    <Badge variant="dot" color={stateColor[user.state]}>
      {t(`admin.state.${user.state}`)}
    </Badge>
  ) : (
    <Badge variant="outline" color="red">
      {t('admin.users.inactive')}
    </Badge>
  );
}

function UserActions({ user, onPick }: { user: AdminUser; onPick: (dialog: Dialog) => void }) {
  const t = useT();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`${t('admin.actions')}: ${user.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onPick({ kind: 'edit', user })}>{t('admin.users.edit')}</Menu.Item>
        <Menu.Item onClick={() => onPick({ kind: 'confirm', user, action: 'reset' })}>
          {t('admin.users.resetPassword')}
        </Menu.Item>
        {user.active ? (
          <Menu.Item color="red" onClick={() => onPick({ kind: 'confirm', user, action: 'deactivate' })}>
            {t('admin.users.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item onClick={() => onPick({ kind: 'confirm', user, action: 'reactivate' })}>
            {t('admin.users.reactivate')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: AdminUser }
  | { kind: 'confirm'; user: AdminUser; action: 'deactivate' | 'reactivate' | 'reset' }
  | { kind: 'secret'; name: string; password: string };

/** Administration › People: everyone of the workspace; admins add, change, deactivate and reset passwords. */
export function UsersPage() {
  const t = useT();
  const format = useFormat();
  const canEdit = useCanAdminister();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [search, setSearch] = useState('');
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const users = useQuery({ queryKey: userKeys.list, queryFn: ({ signal }) => usersApi.list(signal) });

  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.list });
  const create = useMutation({
    mutationFn: usersApi.create,
    onSuccess: async (created) => {
      await refresh();
      setDialog(created.password ? { kind: 'secret', name: created.name, password: created.password } : null);
    },
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Parameters<typeof usersApi.update>[1] }) =>
      usersApi.update(id, body),
    onSuccess: async () => {
      await refresh();
      setDialog(null);
    },
  });
  const reset = useMutation({
    mutationFn: (user: AdminUser) => usersApi.resetPassword(user.id),
    onSuccess: (result, user) => setDialog({ kind: 'secret', name: user.name, password: result.password }),
  });

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const items = users.data?.items ?? [];
    return needle
      ? items.filter((u) => u.name.toLowerCase().includes(needle) || u.email.includes(needle))
      : items;
  }, [users.data, search]);

  const close = () => {
    setDialog(null);
    create.reset();
    update.reset();
    reset.reset();
  };

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        description={t('admin.users.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
              {t('admin.users.add')}
            </Button>
          )
        }
      />
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.readOnly')}
        </Text>
      )}
      {users.isError && (
        <Alert color="red" mb="md">
          {t('admin.error.load', { message: adminErrorText(users.error, t) })}
        </Alert>
      )}
      <Group justify="space-between" mb="sm">
        <TextInput
          aria-label={t('admin.users.search')}
          placeholder={t('admin.users.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
        />
        <Text size="sm" c="dimmed">
          {t('admin.users.count', { count: shown.length })}
        </Text>
      </Group>
      {narrow ? (
        <Stack gap="sm">
          {shown.map((user) => (
            <div key={user.id} className={classes.card} data-user={user.email}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" p="sm" gap="xs">
                <Stack gap={6} miw={0}>
                  <UserName user={user} />
                  <Group gap={6}>
                    <RoleBadge role={user.role} />
                    <StatusBadge user={user} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {user.groups.map((group) => group.name).join(', ') || '—'} · {t('admin.users.capacity')}{' '}
                    {format.number(user.capacity)}
                  </Text>
                </Stack>
                {canEdit && <UserActions user={user} onPick={setDialog} />}
              </Group>
            </div>
          ))}
        </Stack>
      ) : (
        <div className={classes.card}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.users.name')}</Table.Th>
                <Table.Th>{t('admin.users.role')}</Table.Th>
                <Table.Th>{t('admin.users.status')}</Table.Th>
                <Table.Th>{t('admin.users.groups')}</Table.Th>
                <Table.Th ta="right">{t('admin.users.capacity')}</Table.Th>
                <Table.Th>{t('admin.users.lastLogin')}</Table.Th>
                {canEdit && <Table.Th w={48} aria-label={t('admin.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((user) => (
                <Table.Tr key={user.id} data-user={user.email} opacity={user.active ? 1 : 0.6}>
                  <Table.Td>
                    <UserName user={user} />
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={user.role} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge user={user} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{user.groups.map((group) => group.name).join(', ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{format.number(user.capacity)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={user.lastLoginAt ? undefined : 'dimmed'}>
                      {user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('admin.never')}
                    </Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <UserActions user={user} onPick={setDialog} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}

      <Modal opened={dialog?.kind === 'create'} onClose={close} title={t('admin.users.add')}>
        {dialog?.kind === 'create' && (
          <UserForm
            creating
            pending={create.isPending}
            error={create.isError ? adminErrorText(create.error, t) : null}
            onSubmit={(body) => create.mutate(body)}
            onCancel={close}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'edit'}
        onClose={close}
        title={dialog?.kind === 'edit' ? t('admin.users.editTitle', { name: dialog.user.name }) : ''}
      >
        {dialog?.kind === 'edit' && (
          <UserForm
            initial={dialog.user}
            creating={false}
            pending={update.isPending}
            error={update.isError ? adminErrorText(update.error, t) : null}
            onSubmit={({ name, role, capacity, languages }) =>
              update.mutate({ id: dialog.user.id, body: { name, role, capacity, languages } })
            }
            onCancel={close}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'confirm'}
        onClose={close}
        title={
          dialog?.kind === 'confirm'
            ? dialog.action === 'reset'
              ? t('admin.users.resetPassword')
              : dialog.action === 'deactivate'
                ? t('admin.users.deactivate')
                : t('admin.users.reactivate')
            : ''
        }
      >
        {dialog?.kind === 'confirm' && (
          <Stack gap="sm">
            {dialog.action !== 'reactivate' && (
              <Text size="sm">
                {dialog.action === 'reset'
                  ? t('admin.users.resetConfirm', { name: dialog.user.name })
                  : t('admin.users.deactivateConfirm', { name: dialog.user.name })}
              </Text>
            )}
            {(update.isError || reset.isError) && (
              <Alert color="red" variant="light" role="alert">
                {adminErrorText(update.error ?? reset.error, t)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('admin.cancel')}
              </Button>
              <Button
                color={dialog.action === 'deactivate' ? 'red' : undefined}
                loading={update.isPending || reset.isPending}
                onClick={() =>
                  dialog.action === 'reset'
                    ? reset.mutate(dialog.user)
                    : update.mutate({ id: dialog.user.id, body: { active: dialog.action === 'reactivate' } })
                }
              >
                {dialog.action === 'reset'
                  ? t('admin.users.resetPassword')
                  : dialog.action === 'deactivate'
                    ? t('admin.users.deactivate')
                    : t('admin.users.reactivate')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'secret'} onClose={close} title={t('admin.users.password')}>
        {dialog?.kind === 'secret' && (
          <Stack>
            <OneTimeSecret
              label={t('admin.users.passwordOnce', { name: dialog.name })}
              secret={dialog.password}
            />
            <Group justify="flex-end">
              <Button onClick={close}>{t('admin.users.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
