import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group as Row,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconPencil, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useFormat, useT } from '../../i18n';
import classes from './admin.module.css';
import { adminErrorText } from './adminError';
import { configApi, configKeys, type Widget } from './config.api';
import { useCanAdminister } from './useCanAdminister';

function Copy({ value }: { value: string }) {
  const t = useT();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('admin.copied') : t('admin.copy')}>
          <ActionIcon variant="subtle" onClick={copy} aria-label={t('admin.copy')}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** Administration › Web chat: widgets, their public keys, allowed sites and embed code; rotate a key. */
export function WidgetsPage() {
  const t = useT();
  const format = useFormat();
  const canEdit = useCanAdminister();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Widget | 'new' | null>(null);
  const [rotating, setRotating] = useState<Widget | null>(null);
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const widgets = useQuery({
    queryKey: configKeys.widgets,
    queryFn: ({ signal }) => configApi.widgets(signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: configKeys.widgets });
  const save = useMutation({
    mutationFn: (body: { name: string; allowedOrigins: string[] }) =>
      editing && editing !== 'new' ? configApi.updateWidget(editing.id, body) : configApi.createWidget(body),
    onSuccess: async () => {
      await refresh();
      setEditing(null);
    },
  });
  const rotate = useMutation({
    mutationFn: (widget: Widget) => configApi.rotateWidgetKey(widget.id),
    onSuccess: async () => {
      await refresh();
      setRotating(null);
    },
  });
  const open = (widget: Widget | 'new') => {
    save.reset();
    setName(widget === 'new' ? '' : widget.name);
    setOrigins(widget === 'new' ? '' : widget.allowedOrigins.join('\n'));
    setEditing(widget);
  };

  return (
    <>
      <PageHeader
        title={t('admin.widgets.title')}
        description={t('admin.widgets.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => open('new')}>
              {t('admin.widgets.add')}
            </Button>
          )
        }
      />
      {widgets.isError && <Alert color="red">{adminErrorText(widgets.error, t)}</Alert>}
      <Stack gap="md">
        {(widgets.data?.items ?? []).map((widget) => (
          <Paper key={widget.id} withBorder radius="md" p="md" data-widget={widget.name}>
            <Row justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Title order={2} fz="h4" fw={600}>
                  <bdi>{widget.name}</bdi>
                </Title>
                <Text size="xs" c="dimmed">
                  {format.dateTime(widget.createdAt)}
                </Text>
              </div>
              {canEdit && (
                <Row gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('admin.widgets.editTitle', { name: widget.name })}
                    onClick={() => open(widget)}
                  >
                    <IconPencil size={18} />
                  </ActionIcon>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconRefresh size={14} />}
                    onClick={() => setRotating(widget)}
                  >
                    {t('admin.widgets.rotate')}
                  </Button>
                </Row>
              )}
            </Row>
            <Text size="sm" fw={500} mt="sm">
              {t('admin.widgets.publicKey')}
            </Text>
            <Row gap="xs" wrap="nowrap">
              <Code className={classes.secret}>{widget.publicKey}</Code>
              <Copy value={widget.publicKey} />
            </Row>
            <Text size="sm" fw={500} mt="sm">
              {t('admin.widgets.origins')}
            </Text>
            <Row gap={6}>
              {widget.allowedOrigins.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('admin.widgets.anyOrigin')}
                </Text>
              ) : (
                widget.allowedOrigins.map((origin) => (
                  <Badge key={origin} variant="light" tt="none">
                    {origin}
                  </Badge>
                ))
              )}
            </Row>
            <Row justify="space-between" mt="sm" gap="xs">
              <Text size="sm" fw={500}>
                {t('admin.widgets.snippet')}
              </Text>
              <Copy value={widget.embedSnippet} />
            </Row>
            <Code block className={classes.details}>
              {widget.embedSnippet}
            </Code>
          </Paper>
        ))}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' || editing === null
            ? t('admin.widgets.add')
            : t('admin.widgets.editTitle', { name: editing.name })
        }
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({
              name,
              allowedOrigins: origins
                .split(/[\s,]+/)
                .map((o) => o.trim().replace(/\/+$/, '').toLowerCase())
                .filter(Boolean),
            });
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('admin.widgets.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            <Textarea
              label={t('admin.widgets.origins')}
              description={t('admin.widgets.originsHint')}
              placeholder="https://www.example.com"
              autosize
              minRows={2}
              value={origins}
              onChange={(e) => setOrigins(e.currentTarget.value)}
            />
            {save.isError && (
              <Alert color="red" variant="light" role="alert">
                {adminErrorText(save.error, t)}
              </Alert>
            )}
            <Row justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('admin.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('admin.save')}
              </Button>
            </Row>
          </Stack>
        </form>
      </Modal>
      <Modal opened={rotating !== null} onClose={() => setRotating(null)} title={t('admin.widgets.rotate')}>
        {rotating && (
          <Stack gap="sm">
            <Text size="sm">{t('admin.widgets.rotateConfirm', { name: rotating.name })}</Text>
            {rotate.isError && <Alert color="red">{adminErrorText(rotate.error, t)}</Alert>}
            <Row justify="flex-end">
              <Button variant="default" onClick={() => setRotating(null)}>
                {t('admin.cancel')}
              </Button>
              <Button color="red" loading={rotate.isPending} onClick={() => rotate.mutate(rotating)}>
                {t('admin.widgets.rotate')}
              </Button>
            </Row>
          </Stack>
        )}
      </Modal>
    </>
  );
}
