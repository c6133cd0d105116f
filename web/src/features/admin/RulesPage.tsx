import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group as Row,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconGripVertical,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, sources, type Channel, type Source } from '../../../../common/domain';
import { PageHeader } from '../../components/PageHeader';
import { useT, type Translate } from '../../i18n';
import { adminErrorText } from './adminError';
import { configApi, configKeys, type Rule } from './config.api';
import classes from './admin.module.css';
import { useCanAdminister } from './useCanAdminister';

interface Conditions {
  channel?: Channel[];
  source?: Source[];
  pageUrlContains?: string;
  params?: Record<string, string>;
}

function parseParams(text: string): Record<string, string> | undefined {
  const entries = text
    .split('\n')
    .map((line) => line.split('='))
    .filter((parts) => parts.length >= 2 && (parts[0] ?? '').trim() !== '')
    .map((parts) => [(parts[0] ?? '').trim(), parts.slice(1).join('=').trim()] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function summary(conditions: Conditions, t: Translate): string {
  const parts: string[] = [];
  if (conditions.channel?.length)
    parts.push(conditions.channel.map((c) => t(`enum.channel.${c}`)).join(', '));
  if (conditions.source?.length) parts.push(conditions.source.map((s) => t(`enum.source.${s}`)).join(', '));
  if (conditions.pageUrlContains) parts.push(`URL ∋ “${conditions.pageUrlContains}”`);
  for (const [name, value] of Object.entries(conditions.params ?? {})) parts.push(`param.${name} = ${value}`);
  return parts.length > 0 ? parts.join(' · ') : t('admin.rules.any');
}

function targetLabel(rule: Rule, t: Translate): string {
  return `${rule.target.kind === 'group' ? t('admin.rules.targetGroup') : t('admin.rules.targetChatbot')} ${rule.target.name}`;
}

function RuleForm({
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Rule;
  pending: boolean;
  error: string | null;
  onSubmit: (body: {
    name: string;
    conditions: Conditions;
    target: { groupId: string } | { chatbotId: string };
    isFallback: boolean;
    enabled: boolean;
  }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const groups = useQuery({ queryKey: configKeys.groups, queryFn: ({ signal }) => configApi.groups(signal) });
  const chatbots = useQuery({
    queryKey: configKeys.chatbots,
    queryFn: ({ signal }) => configApi.chatbots(signal),
  });
  const start = (initial?.conditions ?? {}) as Conditions;
  const [name, setName] = useState(initial?.name ?? '');
  const [channel, setChannel] = useState<string[]>(start.channel ?? []);
  const [source, setSource] = useState<string[]>(start.source ?? []);
  const [pageUrl, setPageUrl] = useState(start.pageUrlContains ?? '');
  const [params, setParams] = useState(
    Object.entries(start.params ?? {})
      .map(([key, value]) => `${key} = ${value}`)
      .join('\n'),
  );
  const [kind, setKind] = useState<'group' | 'chatbot'>(initial?.target.kind ?? 'group');
  const [targetId, setTargetId] = useState<string | null>(initial?.target.id ?? null);
  const [isFallback, setFallback] = useState(initial?.isFallback ?? false);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const options =
    kind === 'group'
      ? (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))
      : (chatbots.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!targetId) return;
        const conditions: Conditions = {};
        if (channel.length) conditions.channel = channel as Channel[];
        if (source.length) conditions.source = source as Source[];
        if (pageUrl.trim()) conditions.pageUrlContains = pageUrl.trim();
        const parsed = parseParams(params);
        if (parsed) conditions.params = parsed;
        onSubmit({
          name,
          conditions,
          target: kind === 'group' ? { groupId: targetId } : { chatbotId: targetId },
          isFallback,
          enabled,
        });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('admin.rules.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <Title order={3} fz="sm" fw={600} mt="xs">
          {t('admin.rules.conditions')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <MultiSelect
            label={t('admin.rules.channel')}
            placeholder={channel.length ? undefined : t('admin.rules.any')}
            data={channels.map((value) => ({ value, label: t(`enum.channel.${value}`) }))}
            value={channel}
            onChange={setChannel}
          />
          <MultiSelect
            label={t('admin.rules.source')}
            placeholder={source.length ? undefined : t('admin.rules.any')}
            data={sources.map((value) => ({ value, label: t(`enum.source.${value}`) }))}
            value={source}
            onChange={setSource}
          />
        </SimpleGrid>
        <TextInput
          label={t('admin.rules.pageUrlContains')}
          value={pageUrl}
          onChange={(e) => setPageUrl(e.currentTarget.value)}
        />
        <Textarea
          label={t('admin.rules.params')}
          description={t('admin.rules.paramsHint')}
          placeholder="lang = en"
          autosize
          minRows={2}
          value={params}
          onChange={(e) => setParams(e.currentTarget.value)}
        />
        <Title order={3} fz="sm" fw={600} mt="xs">
          {t('admin.rules.target')}
        </Title>
        <SegmentedControl
          data={[
            { value: 'group', label: t('admin.rules.targetGroup') },
            { value: 'chatbot', label: t('admin.rules.targetChatbot') },
          ]}
          value={kind}
          onChange={(value) => {
            setKind(value === 'chatbot' ? 'chatbot' : 'group');
            setTargetId(null);
          }}
        />
        <Select
          aria-label={t('admin.rules.target')}
          required
          searchable
          data={options}
          value={targetId}
          onChange={setTargetId}
        />
        <Switch
          label={t('admin.rules.fallback')}
          description={t('admin.rules.fallbackHint')}
          checked={isFallback}
          onChange={(e) => setFallback(e.currentTarget.checked)}
        />
        <Switch
          label={t('admin.rules.enabled')}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
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
          <Button type="submit" loading={pending} disabled={!targetId}>
            {t('admin.save')}
          </Button>
        </Row>
      </Stack>
    </form>
  );
}

function RuleTester() {
  const t = useT();
  const [channel, setChannel] = useState<Channel>('webchat');
  const [source, setSource] = useState<Source>('widget');
  const [pageUrl, setPageUrl] = useState('');
  const [params, setParams] = useState('');
  const test = useMutation({ mutationFn: configApi.testRule });
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} fz="h4" fw={600}>
        {t('admin.rules.test')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.rules.testHint')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate({ channel, source, pageUrl: pageUrl || undefined, params: parseParams(params) });
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('admin.rules.channel')}
              data={channels.map((value) => ({ value, label: t(`enum.channel.${value}`) }))}
              value={channel}
              allowDeselect={false}
              onChange={(value) => value && setChannel(value)}
            />
            <Select
              label={t('admin.rules.source')}
              data={sources.map((value) => ({ value, label: t(`enum.source.${value}`) }))}
              value={source}
              allowDeselect={false}
              onChange={(value) => value && setSource(value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('admin.rules.pageUrlContains')}
            value={pageUrl}
            onChange={(e) => setPageUrl(e.currentTarget.value)}
          />
          <Textarea
            label={t('admin.rules.params')}
            description={t('admin.rules.paramsHint')}
            placeholder="lang = en"
            autosize
            minRows={1}
            value={params}
            onChange={(e) => setParams(e.currentTarget.value)}
          />
          <Row justify="space-between" align="center">
            <div role="status" data-testid="rule-test-result">
              {test.data &&
                (test.data.rule ? (
                  <Text size="sm" fw={600} c="green.8">
                    {t('admin.rules.testResult', {
                      name: test.data.rule.name,
                      target: targetLabel(test.data.rule, t),
                    })}
                  </Text>
                ) : (
                  <Text size="sm" c="orange.8">
                    {t('admin.rules.testNone')}
                  </Text>
                ))}
              {test.isError && (
                <Text size="sm" c="red">
                  {adminErrorText(test.error, t)}
                </Text>
              )}
            </div>
            <Button type="submit" variant="light" loading={test.isPending}>
              {t('admin.rules.testRun')}
            </Button>
          </Row>
        </Stack>
      </form>
    </Paper>
  );
}

/** Administration › Routing rules: the ordered list (drag or arrows), enable/disable, edit, and the tester. */
export function RulesPage() {
  const t = useT();
  const canEdit = useCanAdminister();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const rules = useQuery({ queryKey: configKeys.rules, queryFn: ({ signal }) => configApi.rules(signal) });
  const list = rules.data?.items ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: configKeys.rules });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof configApi.createRule>[0]) =>
      editing && editing !== 'new' ? configApi.updateRule(editing.id, body) : configApi.createRule(body),
    onSuccess: async () => {
      await refresh();
      setEditing(null);
    },
  });
  const toggle = useMutation({
    mutationFn: (rule: Rule) => configApi.updateRule(rule.id, { enabled: !rule.enabled }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (rule: Rule) => configApi.deleteRule(rule.id),
    onSuccess: refresh,
  });
  const reorder = useMutation({
    mutationFn: configApi.reorderRules,
    onSuccess: (result) => queryClient.setQueryData(configKeys.rules, result),
  });
  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return;
    const ids = list.map((rule) => rule.id);
    const [moved] = ids.splice(from, 1);
    if (moved) ids.splice(to, 0, moved);
    reorder.mutate(ids);
  };
  const failure = [toggle, remove, reorder].find((m) => m.isError)?.error;

  return (
    <>
      <PageHeader
        title={t('admin.rules.title')}
        description={t('admin.rules.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('admin.rules.add')}
            </Button>
          )
        }
      />
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.readOnly')}
        </Text>
      )}
      {(rules.isError || failure) && (
        <Alert color="red" mb="md">
          {adminErrorText(rules.error ?? failure, t)}
        </Alert>
      )}
      <Stack gap="md">
        <div className={classes.card}>
          {list.map((rule, index) => (
            <div
              key={rule.id}
              className={classes.ruleRow}
              data-rule={rule.name}
              draggable={canEdit}
              onDragStart={() => setDragged(rule.id)}
              onDragOver={(event) => canEdit && event.preventDefault()}
              onDrop={() => {
                const from = list.findIndex((r) => r.id === dragged);
                setDragged(null);
                if (from >= 0) move(from, index);
              }}
              data-dragging={dragged === rule.id || undefined}
            >
              {canEdit && (
                <IconGripVertical
                  size={18}
                  className={classes.grip}
                  aria-label={t('admin.rules.drag', { name: rule.name })}
                />
              )}
              <Text size="sm" c="dimmed" w={24} ta="right">
                {index + 1}.
              </Text>
              <div className={classes.ruleMain}>
                <Row gap={6}>
                  <Text size="sm" fw={600} c={rule.enabled ? undefined : 'dimmed'}>
                    <bdi>{rule.name}</bdi>
                  </Text>
                  {rule.isFallback && (
                    <Badge size="xs" variant="light" color="orange">
                      {t('admin.rules.fallback')}
                    </Badge>
                  )}
                </Row>
                <Text size="xs" c="dimmed">
                  {summary(rule.conditions as Conditions, t)} → <b>{targetLabel(rule, t)}</b>
                </Text>
              </div>
              <Switch
                aria-label={`${t('admin.rules.enabled')}: ${rule.name}`}
                checked={rule.enabled}
                disabled={!canEdit}
                onChange={() => toggle.mutate(rule)}
              />
              {canEdit && (
                <Row gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={index === 0}
                    aria-label={t('admin.rules.moveUp', { name: rule.name })}
                    onClick={() => move(index, index - 1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={index === list.length - 1}
                    aria-label={t('admin.rules.moveDown', { name: rule.name })}
                    onClick={() => move(index, index + 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('admin.rules.editTitle', { name: rule.name })}
                    onClick={() => setEditing(rule)}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('admin.rules.delete')}: ${rule.name}`}
                    onClick={() => remove.mutate(rule)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Row>
              )}
            </div>
          ))}
          {list.length === 0 && !rules.isPending && (
            <Text c="dimmed" p="md">
              {t('admin.empty')}
            </Text>
          )}
        </div>
        <RuleTester />
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
          save.reset();
        }}
        size="lg"
        title={
          editing === 'new' || editing === null
            ? t('admin.rules.add')
            : t('admin.rules.editTitle', { name: editing.name })
        }
      >
        {editing !== null && (
          <RuleForm
            initial={editing === 'new' ? undefined : editing}
            pending={save.isPending}
            error={save.isError ? adminErrorText(save.error, t) : null}
            onSubmit={(body) => save.mutate(body)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </>
  );
}
