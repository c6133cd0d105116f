import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  CopyButton,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCopy, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useSignedInMe } from '../auth';
import { useFormat, useI18n, type MessageKey } from '../../i18n';
import { isApiError } from '../../lib/api';
import {
  channelFields,
  channelKeys,
  channelTypes,
  channelsApi,
  type ChannelAccount,
  type ChannelType,
  type CreateChannel,
} from './channels.api';

const fieldKey = (field: string) => `channels.field.${field}` as MessageKey & `channels.field.${string}`;

/**
 * Administration › Channels: the tenant's messaging platform accounts, each with the webhook URL to
 * paste into the platform; connect one, disable or enable it. Secrets are write-only.
 */
export function ChannelsPage() {
  const { t } = useI18n();
  const { user } = useSignedInMe();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [templatesOf, setTemplatesOf] = useState<ChannelAccount | null>(null);
  const isAdmin = user.role === 'admin';
  const accounts = useQuery({
    queryKey: channelKeys.list,
    queryFn: ({ signal }) => channelsApi.list(signal),
    enabled: isAdmin,
  });
  const toggle = useMutation({
    mutationFn: (account: ChannelAccount) => channelsApi.update(account.id, { enabled: !account.enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.list }),
  });

  const header = (
    <PageHeader
      title={t('channels.title')}
      description={t('channels.description')}
      actions={
        isAdmin && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            {t('channels.add')}
          </Button>
        )
      }
    />
  );
  if (!isAdmin) {
    return (
      <>
        {header}
        <Alert color="gray">{t('channels.forbidden')}</Alert>
      </>
    );
  }

  return (
    <>
      {header}
      {accounts.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : accounts.isError ? (
        <Alert color="red" title={t('channels.loadFailed')} />
      ) : accounts.data.items.length === 0 ? (
        <Text c="dimmed">{t('channels.empty')}</Text>
      ) : (
        <Table striped highlightOnHover aria-label={t('channels.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('channels.column.name')}</Table.Th>
              <Table.Th>{t('channels.column.type')}</Table.Th>
              <Table.Th>{t('channels.column.ids')}</Table.Th>
              <Table.Th>{t('channels.column.webhook')}</Table.Th>
              <Table.Th>{t('channels.column.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.data.items.map((account) => (
              <Table.Tr key={account.id} data-channel={account.type}>
                <Table.Td>
                  <bdi>{account.name}</bdi>
                </Table.Td>
                <Table.Td>{t(`enum.channel.${account.type}`)}</Table.Td>
                <Table.Td>
                  {channelFields[account.type].settings
                    .filter((field) => account.config[field] !== undefined && account.config[field] !== '')
                    .map((field) => `${t(fieldKey(field))}: ${String(account.config[field])}`)
                    .join(' · ')}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {account.webhookUrl}
                    </Text>
                    <CopyButton value={account.webhookUrl}>
                      {({ copied, copy }) => (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconCopy size={12} aria-hidden />}
                          onClick={copy}
                        >
                          {copied ? t('channels.copied') : t('channels.copy')}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge color={account.enabled ? 'green' : 'gray'} variant="light">
                      {account.enabled ? t('channels.enabled') : t('channels.disabled')}
                    </Badge>
                    <Button
                      size="compact-xs"
                      variant="default"
                      loading={toggle.isPending && toggle.variables.id === account.id}
                      onClick={() => toggle.mutate(account)}
                    >
                      {account.enabled ? t('channels.disable') : t('channels.enable')}
                    </Button>
                    {account.type === 'whatsapp' && (
                      <Button size="compact-xs" variant="light" onClick={() => setTemplatesOf(account)}>
                        {t('channels.templates')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={templatesOf !== null}
        onClose={() => setTemplatesOf(null)}
        title={t('channels.templates.title', { name: templatesOf?.name ?? '' })}
        size="xl"
      >
        {templatesOf && <TemplatesOfAccount account={templatesOf} />}
      </Modal>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('channels.form.title')} size="lg">
        {adding && (
          <ChannelForm
            onDone={() => {
              setAdding(false);
              void queryClient.invalidateQueries({ queryKey: channelKeys.list });
            }}
            onCancel={() => setAdding(false)}
          />
        )}
      </Modal>
    </>
  );
}

function ChannelForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [type, setType] = useState<ChannelType>('whatsapp');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [flags, setFlags] = useState<Record<string, boolean>>({});
  const create = useMutation({
    mutationFn: (body: CreateChannel) => channelsApi.create(body),
    onSuccess: onDone,
  });
  const fields = channelFields[type];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const config: Record<string, string | boolean> = {};
    for (const field of [...fields.settings, ...fields.secrets]) {
      const value = values[field] ?? '';
      if (value !== '' || !(fields.optional ?? []).includes(field)) config[field] = value;
    }
    for (const flag of fields.flags ?? []) config[flag] = flags[flag] ?? false;
    if (values.baseUrl) config.baseUrl = values.baseUrl;
    create.mutate({ type, name, config } as CreateChannel);
  };
  const set = (field: string) => (event: { currentTarget: { value: string } }) => {
    const { value } = event.currentTarget;
    setValues((current) => ({ ...current, [field]: value }));
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label={t('channels.form.type')}
          data={channelTypes.map((value) => ({ value, label: t(`enum.channel.${value}`) }))}
          value={type}
          onChange={(value) => value && setType(value)}
          allowDeselect={false}
        />
        <TextInput
          label={t('channels.form.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        {fields.settings.map((field) => (
          <TextInput
            key={`${type}.${field}`}
            label={t(fieldKey(field))}
            required={!(fields.optional ?? []).includes(field)}
            value={values[field] ?? ''}
            onChange={set(field)}
          />
        ))}
        {fields.secrets.map((field) => (
          <PasswordInput
            key={`${type}.${field}`}
            label={t(fieldKey(field))}
            description={t('channels.form.secretHint')}
            required
            autoComplete="off"
            value={values[field] ?? ''}
            onChange={set(field)}
          />
        ))}
        {(fields.flags ?? []).map((flag) => (
          <Checkbox
            key={`${type}.${flag}`}
            label={t(fieldKey(flag))}
            checked={flags[flag] ?? false}
            onChange={(event) => {
              const { checked } = event.currentTarget;
              setFlags((current) => ({ ...current, [flag]: checked }));
            }}
          />
        ))}
        <TextInput
          label={t('channels.form.baseUrl')}
          value={values.baseUrl ?? ''}
          onChange={set('baseUrl')}
        />
        {create.isError && (
          <Alert color="red">
            {t('channels.form.failed', {
              reason: isApiError(create.error) ? create.error.message : String(create.error),
            })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('channels.form.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('channels.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A WhatsApp account's message templates as last synchronised (name, language, category, status, body),
 * whether Restore offers each, and a Refresh that reads the platform's list now.
 */
function TemplatesOfAccount({ account }: { account: ChannelAccount }) {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: channelKeys.templates(account.id),
    queryFn: ({ signal }) => channelsApi.templates(account.id, signal),
  });
  const refresh = useMutation({
    mutationFn: () => channelsApi.syncTemplates(account.id),
    onSuccess: (list) => queryClient.setQueryData(channelKeys.templates(account.id), list),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelKeys.templates(account.id) }),
  });
  const hasWaba =
    typeof account.config.businessAccountId === 'string' && account.config.businessAccountId !== '';
  const data = templates.data;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('channels.templates.description')}
      </Text>
      <Group justify="space-between">
        <Text size="sm">
          {data?.syncedAt
            ? t('channels.templates.syncedAt', { time: format.dateTime(data.syncedAt) })
            : t('channels.templates.never')}
        </Text>
        <Button
          size="xs"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => refresh.mutate()}
          loading={refresh.isPending}
          disabled={!hasWaba}
        >
          {t('channels.templates.refresh')}
        </Button>
      </Group>
      {!hasWaba && <Alert color="yellow">{t('channels.templates.noWaba')}</Alert>}
      {data?.error && (
        <Alert color="red" variant="light">
          {t('channels.templates.error', { reason: data.error })}
        </Alert>
      )}
      {templates.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : templates.isError ? (
        <Alert color="red">
          {isApiError(templates.error) ? templates.error.message : String(templates.error)}
        </Alert>
      ) : data && data.items.length === 0 ? (
        <Text c="dimmed">{t('channels.templates.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('channels.templates')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('channels.templates.name')}</Table.Th>
                <Table.Th>{t('channels.templates.language')}</Table.Th>
                <Table.Th>{t('channels.templates.category')}</Table.Th>
                <Table.Th>{t('channels.templates.status')}</Table.Th>
                <Table.Th>{t('channels.templates.body')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((template) => (
                <Table.Tr key={`${template.name}-${template.language}`}>
                  <Table.Td ff="monospace">{template.name}</Table.Td>
                  <Table.Td>{template.language}</Table.Td>
                  <Table.Td>{template.category}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Badge
                        variant="light"
                        tt="none"
                        color={
                          template.status === 'APPROVED'
                            ? 'green'
                            : template.status === 'PENDING'
                              ? 'yellow'
                              : 'gray'
                        }
                      >
                        {template.status}
                      </Badge>
                      <Text size="xs" c={template.offered ? 'green.8' : 'dimmed'}>
                        {template.offered
                          ? t('channels.templates.offered')
                          : t('channels.templates.notOffered')}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                    <Text size="sm">{template.body}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
