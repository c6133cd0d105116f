import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { channels } from '../../../../common/domain';
import { PageHeader } from '../../components/PageHeader';
import { useFormat, useI18n, type Translate } from '../../i18n';
import { useMe } from '../auth';
import classes from '../admin/admin.module.css';
import { enumLabel } from '../sessions/labels';
import { banFilterNames, banKeys, bansApi, type Ban, type BanFilters } from './bans.api';
import { banErrorText, identityKindLabel } from './banWords';

const stateColor = { active: 'red', expired: 'gray', lifted: 'green' } as const;

function actorName(actor: Ban['createdBy'], t: Translate): string {
  if (!actor) return '—';
  return actor.kind === 'api_key' ? t('bans.apiKey', { name: actor.name }) : actor.name;
}

/** One ban's facts, shared by the table row and the phone card. */
function useBanText() {
  const { t, language } = useI18n();
  const format = useFormat();
  return {
    identities: (ban: Ban) =>
      ban.identities.map((identity) => `${identityKindLabel(identity.kind, language)}: ${identity.value}`),
    until: (ban: Ban) => (ban.expiresAt ? format.dateTime(ban.expiresAt) : t('bans.untilLifted')),
    state: (ban: Ban) => t(`bans.state.${ban.state}`),
    attempts: (ban: Ban) =>
      ban.attempts > 0 && ban.lastAttemptAt
        ? t('bans.attempts', { count: ban.attempts, when: format.dateTime(ban.lastAttemptAt) })
        : null,
    lifted: (ban: Ban) =>
      ban.liftedAt
        ? t('bans.liftedBy', {
            who: actorName(ban.liftedBy, t),
            when: format.dateTime(ban.liftedAt),
            reason: ban.liftReason ?? '—',
          })
        : null,
  };
}

function SessionLink({ ban }: { ban: Ban }) {
  const { t } = useI18n();
  if (!ban.sessionId) return <Text size="sm">—</Text>;
  return (
    <Anchor
      component={Link}
      to={`/sessions?open=${ban.sessionId}&tab=transcript`}
      size="sm"
      style={{ whiteSpace: 'nowrap' }}
    >
      {t('bans.sessionLink', { id: ban.sessionId })}
    </Anchor>
  );
}

/** Lifting a ban asks for a reason; the ban stops applying at once everywhere. */
function LiftDialog({ ban, onClose }: { ban: Ban | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const lift = useMutation({
    mutationFn: (input: { id: string; reason: string }) => bansApi.lift(input.id, input.reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: banKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
      setReason('');
      onClose();
    },
  });
  return (
    <Modal
      opened={ban !== null}
      onClose={() => {
        lift.reset();
        onClose();
      }}
      title={ban ? t('bans.liftTitle', { id: ban.id }) : ''}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('bans.liftDescription')}
        </Text>
        <Textarea
          label={t('bans.liftReason')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          data-autofocus
        />
        {lift.isError && (
          <Alert color="red" variant="light" role="alert">
            {banErrorText(lift.error, t)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('ban.cancel')}
          </Button>
          <Button
            disabled={!ban || reason.trim() === ''}
            loading={lift.isPending}
            onClick={() => ban && lift.mutate({ id: ban.id, reason: reason.trim() })}
          >
            {t('bans.lift')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Administration › Blacklist: the tenant's bans, active or not (who banned whom, when, why, until when,
 * from which session), searchable by identity, keyset-paged, liftable with a reason. Filters live in
 * the address under the API's own parameter names.
 */
export function BlacklistPage() {
  const { t } = useI18n();
  const format = useFormat();
  const text = useBanText();
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const role = useMe().data?.user.role;
  const canLift = role === 'admin' || role === 'supervisor';
  const [lifting, setLifting] = useState<Ban | null>(null);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo<BanFilters>(() => {
    const result: BanFilters = {};
    for (const name of banFilterNames) {
      const value = searchParams.get(name);
      if (value) result[name] = value;
    }
    return result;
  }, [searchParams]);
  const setFilter = (name: (typeof banFilterNames)[number], value: string | undefined) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const [search, setSearch] = useState(filters.identity ?? '');

  const bans = useInfiniteQuery({
    queryKey: banKeys.page(filters),
    queryFn: ({ pageParam, signal }) => bansApi.page(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = bans.data?.pages.flatMap((page) => page.items) ?? [];

  const liftButton = (ban: Ban) =>
    canLift && ban.state === 'active' ? (
      <Button size="xs" variant="light" onClick={() => setLifting(ban)}>
        {t('bans.lift')}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader title={t('bans.title')} description={t('bans.description')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="md">
        <SegmentedControl
          value={filters.active ?? 'all'}
          onChange={(value) => setFilter('active', value === 'all' ? undefined : value)}
          data={[
            { value: 'true', label: t('bans.filter.active') },
            { value: 'false', label: t('bans.filter.inactive') },
            { value: 'all', label: t('bans.filter.all') },
          ]}
          aria-label={t('bans.filter.state')}
          style={{ alignSelf: 'end' }}
        />
        <Select
          label={t('bans.channel')}
          placeholder={t('bans.anyChannel')}
          data={channels.map((channel) => ({ value: channel, label: enumLabel('channel', channel, t) }))}
          value={filters.channel ?? null}
          clearable
          onChange={(value) => setFilter('channel', value ?? undefined)}
        />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setFilter('identity', search.trim() || undefined);
          }}
        >
          <TextInput
            label={t('bans.search')}
            placeholder={t('bans.searchPlaceholder')}
            leftSection={<IconSearch size={14} aria-hidden />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              if (event.currentTarget.value === '') setFilter('identity', undefined);
            }}
            onBlur={() => setFilter('identity', search.trim() || undefined)}
          />
        </form>
      </SimpleGrid>
      {bans.isError && (
        <Alert color="red" mb="md">
          {t('admin.error.load', { message: banErrorText(bans.error, t) })}
        </Alert>
      )}
      {narrow ? (
        <Stack gap="sm">
          {items.map((ban) => (
            <div key={ban.id} className={classes.card} data-ban={ban.id}>
              <Stack gap={4} p="sm">
                <Group justify="space-between" gap="xs">
                  <Badge color={stateColor[ban.state]} variant="light" tt="none">
                    {text.state(ban)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(ban.createdAt)}
                  </Text>
                </Group>
                {ban.clientName && (
                  <Text size="sm" fw={600}>
                    {ban.clientName}
                  </Text>
                )}
                {text.identities(ban).map((line) => (
                  <Text key={line} size="xs" style={{ wordBreak: 'break-all' }}>
                    {line}
                  </Text>
                ))}
                <Text size="xs" c="dimmed">
                  {enumLabel('channel', ban.channel, t)} · {actorName(ban.createdBy, t)} ·{' '}
                  {ban.expiresAt ? `${t('bans.until')}: ${text.until(ban)}` : text.until(ban)}
                </Text>
                <Text size="sm">{ban.reason ?? '—'}</Text>
                {text.lifted(ban) && (
                  <Text size="xs" c="dimmed">
                    {text.lifted(ban)}
                  </Text>
                )}
                <Group justify="space-between">
                  <SessionLink ban={ban} />
                  {liftButton(ban)}
                </Group>
              </Stack>
            </div>
          ))}
        </Stack>
      ) : (
        <div className={classes.card}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bans.client')}</Table.Th>
                <Table.Th>{t('bans.reason')}</Table.Th>
                <Table.Th>{t('bans.bannedBy')}</Table.Th>
                <Table.Th>{t('bans.until')}</Table.Th>
                <Table.Th>{t('bans.session')}</Table.Th>
                <Table.Th>{t('bans.stateColumn')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((ban) => (
                <Table.Tr key={ban.id} data-ban={ban.id}>
                  <Table.Td maw={320}>
                    {ban.clientName && (
                      <Text size="sm" fw={600}>
                        {ban.clientName}
                      </Text>
                    )}
                    {text.identities(ban).map((line) => (
                      <Text key={line} size="xs" style={{ wordBreak: 'break-all' }}>
                        {line}
                      </Text>
                    ))}
                    <Text size="xs" c="dimmed">
                      {enumLabel('channel', ban.channel, t)}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm">{ban.reason ?? '—'}</Text>
                    {text.lifted(ban) && (
                      <Text size="xs" c="dimmed">
                        {text.lifted(ban)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{actorName(ban.createdBy, t)}</Text>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(ban.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {text.until(ban)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SessionLink ban={ban} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColor[ban.state]} variant="light" tt="none">
                      {text.state(ban)}
                    </Badge>
                    {text.attempts(ban) && (
                      <Text size="xs" c="dimmed">
                        {text.attempts(ban)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{liftButton(ban)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Group justify="center" my="md">
        {bans.isPending && <Loader size="sm" />}
        {!bans.isPending && items.length === 0 && <Text c="dimmed">{t('bans.none')}</Text>}
        {bans.hasNextPage && (
          <Button
            variant="default"
            loading={bans.isFetchingNextPage}
            onClick={() => void bans.fetchNextPage()}
          >
            {t('admin.audit.loadMore')}
          </Button>
        )}
      </Group>
      <LiftDialog ban={lifting} onClose={() => setLifting(null)} />
    </>
  );
}
