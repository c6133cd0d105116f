import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { renderTemplate, templateParameterProblem } from '../../../../common/whatsapp-template';
import { useFormat, useI18n, type MessageKey, type Translate } from '../../i18n';
import { isApiError } from '../../lib/api';
import { formatDuration } from '../../lib/duration';
import { useNow } from '../../lib/useNow';
import {
  restoreApi,
  restoreKeys,
  type RestoreOptions,
  type RestoreRequest,
  type RestoreResult,
  type RestoreTemplate,
} from './restore.api';
import { sessionKeys } from './useSessionsData';

/** Above the detail panel, which covers the page at phone width (z-index 300). */
export const DIALOG_Z = 400;
/** The dialog's drop-downs above the dialog. */
const DROPDOWN = { zIndex: DIALOG_Z + 100 };

/** A window closing within this is shown with a running countdown. */
const COUNTDOWN_BELOW_MS = 24 * 3600 * 1000;

const templateKey = (template: Pick<RestoreTemplate, 'name' | 'language'>) =>
  `${template.name}\u0000${template.language}`;

function blockedText(options: RestoreOptions, t: Translate): string {
  if (!options.blocked) return '';
  if (options.blocked.code === 'restore.window_closed' && options.window)
    return t(`restore.reason.${options.window.reason}`);
  return t(`restore.blocked.${options.blocked.code}`);
}

function errorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return String(error);
  const key = `restore.blocked.${error.code}`;
  if (key in restoreBlockedKeys) return t(key as MessageKey & `restore.blocked.${string}`);
  return error.message;
}
const restoreBlockedKeys = {
  'restore.blocked.restore.not_messaging': true,
  'restore.blocked.restore.session_live': true,
  'restore.blocked.restore.no_platform_client': true,
  'restore.blocked.restore.account_disabled': true,
  'restore.blocked.restore.client_banned': true,
  'restore.blocked.restore.window_closed': true,
};

/**
 * "Restore" on an ended messaging session: asks the server what the platform allows now (disabled with
 * the reason when nothing), then a dialog with the reason, until when (a countdown when it is short),
 * the first message or an approved WhatsApp template in the client's language with its parameters and
 * a preview, and who takes the new session. On success the new session (or the client's live one) opens.
 */
export function RestoreButton({
  sessionId,
  onRestored,
}: {
  sessionId: string;
  onRestored: (result: RestoreResult) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const options = useQuery({
    queryKey: restoreKeys.options(sessionId),
    queryFn: ({ signal }) => restoreApi.options(sessionId, signal),
    // The window moves with time: asked again whenever the dialog opens.
    staleTime: 30_000,
  });
  const restore = useMutation({
    mutationFn: (body: RestoreRequest) => restoreApi.restore(sessionId, body),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
      void queryClient.invalidateQueries({ queryKey: ['sessions', 'transcript', sessionId] });
      void queryClient.invalidateQueries({ queryKey: restoreKeys.options(sessionId) });
      void queryClient.invalidateQueries({ queryKey: ['sessions', 'list'] });
      setOpened(false);
      onRestored(result);
    },
  });

  const data = options.data;
  const disabledReason = options.isError
    ? t('restore.loadFailed')
    : data && !data.restorable
      ? blockedText(data, t)
      : null;

  const button = (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconRestore size={16} aria-hidden />}
      disabled={!data || !data.restorable}
      loading={options.isPending}
      onClick={() => {
        restore.reset();
        void options.refetch();
        setOpened(true);
      }}
      data-testid="restore-button"
    >
      {t('restore.button')}
    </Button>
  );

  return (
    <>
      {disabledReason ? (
        <Tooltip label={disabledReason} multiline w={280} withArrow>
          <span tabIndex={0} aria-label={`${t('restore.button')}: ${disabledReason}`}>
            {button}
          </span>
        </Tooltip>
      ) : (
        button
      )}
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('restore.title', { id: sessionId })}
        size="lg"
        zIndex={DIALOG_Z}
      >
        {opened && !data ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : (
          opened &&
          data && (
            <RestoreForm
              options={data}
              pending={restore.isPending}
              error={restore.isError ? errorText(restore.error, t) : null}
              onCancel={() => setOpened(false)}
              onSubmit={(body) => restore.mutate(body)}
              onOpenLive={(id) => {
                setOpened(false);
                onRestored({ created: false, session: { id } as RestoreResult['session'] });
              }}
            />
          )
        )}
      </Modal>
    </>
  );
}

function WindowSummary({ options }: { options: RestoreOptions }) {
  const { t } = useI18n();
  const format = useFormat();
  const window = options.window;
  const closesAt = window?.closesAt ? new Date(window.closesAt).getTime() : null;
  const short = closesAt !== null && closesAt - Date.now() < COUNTDOWN_BELOW_MS;
  const now = useNow(short);
  if (!window) return null;
  return (
    <Alert color={window.allows === 'template' ? 'yellow' : 'blue'} variant="light" p="sm">
      <Stack gap={4}>
        <Text size="sm" data-testid="restore-reason">
          {t(`restore.reason.${window.reason}`)}
        </Text>
        <Group gap="xs">
          {window.lastInboundAt && (
            <Text size="xs" c="dimmed">
              {t('restore.lastMessage', { time: format.dateTime(window.lastInboundAt) })}
            </Text>
          )}
          {closesAt !== null ? (
            <Badge variant="light" color={short ? 'orange' : 'blue'} tt="none" data-testid="restore-until">
              {t('restore.until', { time: format.dateTime(closesAt) })}
              {short ? ` · ${t('restore.closesIn', { left: formatDuration((closesAt - now) / 1000) })}` : ''}
            </Badge>
          ) : (
            window.allows !== 'template' && (
              <Badge variant="light" color="gray" tt="none">
                {t('restore.noDeadline')}
              </Badge>
            )
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

function RestoreForm({
  options,
  pending,
  error,
  onCancel,
  onSubmit,
  onOpenLive,
}: {
  options: RestoreOptions;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (body: RestoreRequest) => void;
  onOpenLive: (id: string) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'text' | 'template'>(options.options.text ? 'text' : 'template');
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState<string | null>(() => {
    const first = options.templates[0];
    return first ? templateKey(first) : null;
  });
  const [parameters, setParameters] = useState<string[]>([]);
  const [assign, setAssign] = useState<'me' | 'group'>(options.canTakeIt ? 'me' : 'group');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const template = options.templates.find((candidate) => templateKey(candidate) === templateId);
  const values = template
    ? Array.from({ length: template.parameterCount }, (_, i) => parameters[i] ?? '')
    : [];
  const problems = values.map((value) => templateParameterProblem(value));
  const inClient = options.templates.filter((candidate) => candidate.inClientLanguage);
  const others = options.templates.filter((candidate) => !candidate.inClientLanguage);
  const option = (candidate: RestoreTemplate) => ({
    value: templateKey(candidate),
    label: `${candidate.name} · ${candidate.language}`,
  });

  const ready =
    (kind === 'text' ? text.trim().length > 0 : template !== undefined && problems.every((p) => !p)) &&
    (assign === 'me' || groupId !== null);

  const submit = () => {
    setTouched(true);
    if (!ready) return;
    const target = assign === 'group' && groupId ? { groupId } : {};
    onSubmit(
      kind === 'text'
        ? { text: text.trim(), ...target }
        : {
            template: { name: template!.name, language: template!.language, parameters: values },
            ...target,
          },
    );
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('restore.description')}
      </Text>
      <WindowSummary options={options} />
      {options.liveSessionId && (
        <Alert color="orange" variant="light">
          <Text size="sm">{t('restore.live', { id: options.liveSessionId })}</Text>
          <Anchor component="button" size="sm" onClick={() => onOpenLive(options.liveSessionId!)}>
            {t('restore.openLive', { id: options.liveSessionId })}
          </Anchor>
        </Alert>
      )}
      {options.options.text && options.options.template && (
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(value) => setKind(value)}
          data={[
            { value: 'text', label: t('restore.kind.text') },
            { value: 'template', label: t('restore.kind.template') },
          ]}
        />
      )}
      {kind === 'text' ? (
        <Textarea
          label={t('restore.message')}
          placeholder={t('restore.messagePlaceholder')}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={4096}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={touched && text.trim() === '' ? t('restore.problem.empty') : undefined}
          data-autofocus
        />
      ) : options.templates.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('restore.noTemplates')}
        </Alert>
      ) : (
        <>
          <Select
            label={t('restore.template')}
            placeholder={t('restore.templatePlaceholder')}
            data={[
              ...(inClient.length > 0
                ? [{ group: t('restore.templateGroup.client'), items: inClient.map(option) }]
                : []),
              ...(others.length > 0
                ? [{ group: t('restore.templateGroup.other'), items: others.map(option) }]
                : []),
            ]}
            value={templateId}
            onChange={(value) => {
              setTemplateId(value);
              setParameters([]);
            }}
            allowDeselect={false}
            searchable
            comboboxProps={DROPDOWN}
            data-testid="restore-template"
          />
          {values.map((value, index) => {
            const placeholder = `{{${index + 1}}}`;
            const problem = problems[index];
            return (
              <TextInput
                key={`${templateId ?? ''}-${placeholder}`}
                label={t('restore.parameter', { placeholder })}
                value={value}
                maxLength={1024}
                onChange={(event) => {
                  const next = [...values];
                  next[index] = event.currentTarget.value;
                  setParameters(next);
                }}
                error={problem && (touched || value !== '') ? t(`restore.problem.${problem}`) : undefined}
              />
            );
          })}
          {template && (
            <Paper withBorder p="sm" radius="md" bg="gray.0">
              <Text size="xs" c="dimmed" mb={4}>
                {t('restore.preview')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="restore-preview">
                {renderTemplate(template.body, values)}
              </Text>
            </Paper>
          )}
        </>
      )}
      <Radio.Group label={t('restore.assign')} value={assign} onChange={(value) => setAssign(value)}>
        <Group mt={6} gap="lg">
          {options.canTakeIt && <Radio value="me" label={t('restore.assign.me')} />}
          <Radio value="group" label={t('restore.assign.group')} disabled={options.groups.length === 0} />
        </Group>
      </Radio.Group>
      {assign === 'group' && (
        <Select
          label={t('restore.assign.pickGroup')}
          data={options.groups.map((group) => ({ value: group.id, label: group.name }))}
          value={groupId}
          onChange={setGroupId}
          comboboxProps={DROPDOWN}
          error={touched && groupId === null ? t('restore.problem.empty') : undefined}
        />
      )}
      {error && (
        <Alert color="red" variant="light" title={t('restore.failedTitle')} role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('restore.cancel')}
        </Button>
        <Button onClick={submit} loading={pending} disabled={touched && !ready}>
          {t('restore.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
