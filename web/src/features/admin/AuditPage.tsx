import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useFormat, useI18n, type Translate } from '../../i18n';
import classes from './admin.module.css';
import { adminErrorText } from './adminError';
import { auditApi, auditFilterNames, auditKeys, type AuditEvent, type AuditFilters } from './audit.api';
import { userKeys, usersApi } from './users.api';

/** `yyyy-MM-ddTHH:mm` of a datetime-local input ↔ the ISO instant the API takes. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function actorName(event: AuditEvent, t: Translate): string {
  if (event.actor.kind === 'user') return event.actor.name ?? `#${event.actor.id ?? ''}`;
  if (event.actor.kind === 'api_key') return t('admin.audit.apiKey', { name: event.actor.name ?? '' });
  return t('admin.audit.system');
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Before/after as "field: old → new" lines; anything else as compact JSON. */
function Details({ data }: { data: Record<string, unknown> }) {
  const before = data.before as Record<string, unknown> | undefined;
  const after = data.after as Record<string, unknown> | undefined;
  if (after && typeof after === 'object' && !Array.isArray(after)) {
    return (
      <Stack gap={2}>
        {Object.entries(after).map(([field, value]) => (
          <Text key={field} size="xs">
            <Text span fw={600} size="xs">
              {field}
            </Text>
            : {before && field in before ? `${short(before[field])} → ` : ''}
            {short(value)}
          </Text>
        ))}
      </Stack>
    );
  }
  const keys = Object.keys(data);
  if (keys.length === 0)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Code block className={classes.details}>
      {short(data)}
    </Code>
  );
}

/** Administration › Audit log: every audited event, filtered (state in the address), keyset-paged, exportable. */
export function AuditPage() {
  const { t, language } = useI18n();
  const format = useFormat();
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo<AuditFilters>(() => {
    const result: AuditFilters = {};
    for (const name of auditFilterNames) {
      const value = searchParams.get(name);
      if (value) result[name] = value;
    }
    return result;
  }, [searchParams]);
  const setFilter = (name: (typeof auditFilterNames)[number], value: string | undefined) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const users = useQuery({ queryKey: userKeys.list, queryFn: ({ signal }) => usersApi.list(signal) });
  const actions = useQuery({
    queryKey: auditKeys.actions,
    queryFn: ({ signal }) => auditApi.actions(signal),
  });
  const events = useInfiniteQuery({
    queryKey: auditKeys.page(filters),
    queryFn: ({ pageParam, signal }) => auditApi.page(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title={t('admin.audit.title')}
        description={t('admin.audit.description')}
        actions={
          <Button
            component="a"
            href={auditApi.exportUrl(filters, language)}
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('admin.audit.exportCsv')}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mb="md">
        <Select
          label={t('admin.audit.actor')}
          placeholder={t('admin.audit.anyActor')}
          data={(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))}
          value={filters.actor ?? null}
          searchable
          clearable
          onChange={(value) => setFilter('actor', value ?? undefined)}
        />
        <Select
          label={t('admin.audit.action')}
          placeholder={t('admin.audit.anyAction')}
          data={actions.data?.items ?? []}
          value={filters.action ?? null}
          searchable
          clearable
          onChange={(value) => setFilter('action', value ?? undefined)}
        />
        <Group grow gap="sm" align="flex-end">
          <TextInput
            label={t('admin.audit.objectType')}
            value={filters.objectType ?? ''}
            onChange={(event) => setFilter('objectType', event.currentTarget.value.trim() || undefined)}
          />
          <TextInput
            label={t('admin.audit.objectId')}
            value={filters.objectId ?? ''}
            onChange={(event) => setFilter('objectId', event.currentTarget.value.trim() || undefined)}
          />
        </Group>
        <TextInput
          type="datetime-local"
          label={t('admin.audit.from')}
          value={toLocalInput(filters.from)}
          onChange={(event) => setFilter('from', fromLocalInput(event.currentTarget.value))}
        />
        <TextInput
          type="datetime-local"
          label={t('admin.audit.to')}
          value={toLocalInput(filters.to)}
          onChange={(event) => setFilter('to', fromLocalInput(event.currentTarget.value))}
        />
        {filtered && (
          <Group align="flex-end">
            <Button variant="subtle" onClick={() => setSearchParams({}, { replace: true })}>
              {t('admin.audit.clearFilters')}
            </Button>
          </Group>
        )}
      </SimpleGrid>
      {events.isError && (
        <Alert color="red" mb="md">
          {t('admin.error.load', { message: adminErrorText(events.error, t) })}
        </Alert>
      )}
      {narrow ? (
        <Stack gap="sm">
          {items.map((event) => (
            <div key={event.id} className={classes.card} data-action={event.action}>
              <Stack gap={4} p="sm">
                <Group justify="space-between" gap="xs">
                  <Badge variant="light" tt="none">
                    {event.action}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(event.at)}
                  </Text>
                </Group>
                <Text size="sm" fw={600}>
                  {actorName(event, t)}
                </Text>
                {event.objectType && (
                  <Text size="xs" c="dimmed">
                    {event.objectType} {event.objectId}
                  </Text>
                )}
                <Details data={event.data} />
              </Stack>
            </div>
          ))}
        </Stack>
      ) : (
        <div className={classes.card}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>{t('admin.audit.time')}</Table.Th>
                <Table.Th>{t('admin.audit.actor')}</Table.Th>
                <Table.Th>{t('admin.audit.action')}</Table.Th>
                <Table.Th>{t('admin.audit.object')}</Table.Th>
                <Table.Th>{t('admin.audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event) => (
                <Table.Tr key={event.id} data-action={event.action}>
                  <Table.Td>
                    <Text size="sm">{format.dateTime(event.at)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      size="sm"
                      c={event.actor.kind === 'system' ? 'dimmed' : undefined}
                      disabled={event.actor.kind !== 'user'}
                      onClick={() =>
                        event.actor.kind === 'user' && setFilter('actor', event.actor.id ?? undefined)
                      }
                    >
                      {actorName(event, t)}
                    </Anchor>
                    {event.ip && (
                      <Text size="xs" c="dimmed">
                        {event.ip}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none">
                      {event.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {event.objectType ? `${event.objectType} ${event.objectId ?? ''}` : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Details data={event.data} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Group justify="center" my="md">
        {events.isPending && <Loader size="sm" />}
        {!events.isPending && items.length === 0 && <Text c="dimmed">{t('admin.audit.none')}</Text>}
        {events.hasNextPage && (
          <Button
            variant="default"
            loading={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            {t('admin.audit.loadMore')}
          </Button>
        )}
        {!events.hasNextPage && items.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('admin.audit.end')}
          </Text>
        )}
      </Group>
    </>
  );
}
