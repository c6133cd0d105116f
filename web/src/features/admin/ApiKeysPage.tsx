import {
  Alert,
  Badge,
  Button,
  Group as Row,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useFormat, useT } from '../../i18n';
import type { UserRole } from '../auth';
import classes from './admin.module.css';
import { adminErrorText } from './adminError';
import { configApi, configKeys, type ApiKey } from './config.api';
import { OneTimeSecret } from './UsersPage';

/** Administration › API keys (admins): list, create (the key is shown once), revoke. */
export function ApiKeysPage() {
  const t = useT();
  const format = useFormat();
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('supervisor');
  const keys = useQuery({ queryKey: configKeys.apiKeys, queryFn: ({ signal }) => configApi.apiKeys(signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: configKeys.apiKeys });
  const create = useMutation({ mutationFn: configApi.createApiKey, onSuccess: refresh });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => configApi.revokeApiKey(key.id),
    onSuccess: async () => {
      await refresh();
      setRevoking(null);
    },
  });
  const closeCreate = () => {
    setCreating(false);
    setName('');
    create.reset();
  };
  const when = (value: string | null) => (value ? format.dateTime(value) : t('admin.never'));

  return (
    <>
      <PageHeader
        title={t('admin.keys.title')}
        description={t('admin.keys.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('admin.keys.add')}
          </Button>
        }
      />
      {keys.isError && <Alert color="red">{adminErrorText(keys.error, t)}</Alert>}
      <div className={classes.card}>
        <Table verticalSpacing="sm" layout={narrow ? 'auto' : undefined}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.keys.name')}</Table.Th>
              <Table.Th>{t('admin.keys.role')}</Table.Th>
              {!narrow && <Table.Th>{t('admin.keys.createdBy')}</Table.Th>}
              {!narrow && <Table.Th>{t('admin.keys.lastUsed')}</Table.Th>}
              <Table.Th aria-label={t('admin.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(keys.data?.items ?? []).map((key) => (
              <Table.Tr key={key.id} opacity={key.revokedAt ? 0.55 : 1} data-key={key.name}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    <bdi>{key.name}</bdi>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('admin.keys.created')} {format.dateTime(key.createdAt)}
                    {narrow && ` · ${t('admin.keys.lastUsed')} ${when(key.lastUsedAt)}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {t(`role.${key.role}`)}
                  </Badge>
                </Table.Td>
                {!narrow && <Table.Td>{key.createdBy?.name ?? '—'}</Table.Td>}
                {!narrow && (
                  <Table.Td>
                    <Text size="sm" c={key.lastUsedAt ? undefined : 'dimmed'}>
                      {when(key.lastUsedAt)}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td ta="right">
                  {key.revokedAt ? (
                    <Badge variant="outline" color="red">
                      {t('admin.keys.revoked')}
                    </Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(key)}>
                      {t('admin.keys.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Modal opened={creating} onClose={closeCreate} title={t('admin.keys.add')}>
        {create.data ? (
          <Stack>
            <OneTimeSecret
              label={t('admin.keys.shownOnce', { name: create.data.name })}
              secret={create.data.key}
            />
            <Row justify="flex-end">
              <Button onClick={closeCreate}>{t('admin.users.done')}</Button>
            </Row>
          </Stack>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ name, role });
            }}
          >
            <Stack gap="sm">
              <TextInput
                label={t('admin.keys.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-autofocus
              />
              <Select
                label={t('admin.keys.role')}
                data={(['supervisor', 'admin', 'operator'] as const).map((value) => ({
                  value,
                  label: t(`role.${value}`),
                }))}
                value={role}
                allowDeselect={false}
                onChange={(value) => {
                  if (value === 'admin' || value === 'supervisor' || value === 'operator') setRole(value);
                }}
              />
              {create.isError && <Alert color="red">{adminErrorText(create.error, t)}</Alert>}
              <Row justify="flex-end">
                <Button variant="default" onClick={closeCreate}>
                  {t('admin.cancel')}
                </Button>
                <Button type="submit" loading={create.isPending}>
                  {t('admin.keys.add')}
                </Button>
              </Row>
            </Stack>
          </form>
        )}
      </Modal>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('admin.keys.revoke')}>
        {revoking && (
          <Stack gap="sm">
            <Text size="sm">{t('admin.keys.revokeConfirm', { name: revoking.name })}</Text>
            <Row justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)}>
                {t('admin.cancel')}
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(revoking)}>
                {t('admin.keys.revoke')}
              </Button>
            </Row>
          </Stack>
        )}
      </Modal>
    </>
  );
}
