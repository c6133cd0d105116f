import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { meQueryKey } from '../auth';
import { adminErrorText } from './adminError';
import { settingsApi, settingsKeys, type Settings } from './settings.api';
import { useCanAdminister } from './useCanAdminister';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Title order={2} fz="h4" fw={600} mb="md">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** Every IANA time zone the browser knows (the server checks it against PostgreSQL's list). */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...known])];
}

/** Administration › Settings: the tenant's switches; only changed fields are sent. */
export function SettingsPage() {
  const t = useT();
  const canEdit = useCanAdminister();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKeys.all, queryFn: ({ signal }) => settingsApi.get(signal) });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);

  const save = useMutation({
    mutationFn: settingsApi.update,
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKeys.all, saved);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });

  const changes = useMemo(() => {
    if (!draft || !settings.data) return {};
    const base = settings.data;
    return Object.fromEntries(
      (Object.keys(draft) as (keyof Settings)[])
        .filter((key) => draft[key] !== base[key])
        .map((key) => [key, draft[key]]),
    );
  }, [draft, settings.data]);
  const dirty = Object.keys(changes).length > 0;
  const zones = useMemo(() => timeZones(draft?.timeZone ?? 'Europe/Prague'), [draft?.timeZone]);

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    save.reset();
    setDraft((current) => (current ? { ...current, [key]: value } : current));
  };

  return (
    <>
      <PageHeader title={t('admin.settings.title')} description={t('admin.settings.description')} />
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.readOnly')}
        </Text>
      )}
      {settings.isError && (
        <Alert color="red" mb="md">
          {t('admin.error.load', { message: adminErrorText(settings.error, t) })}
        </Alert>
      )}
      {draft && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (dirty) save.mutate(changes);
          }}
        >
          <Stack gap="md" maw={760}>
            <Section title={t('admin.settings.sessions')}>
              <Switch
                label={t('admin.settings.operatorsSeeAllSessions')}
                description={t('admin.settings.operatorsSeeAllSessionsHint')}
                checked={draft.operatorsSeeAllSessions}
                disabled={!canEdit}
                onChange={(event) => set('operatorsSeeAllSessions', event.currentTarget.checked)}
              />
              <Switch
                label={t('admin.settings.operatorsMayBan')}
                description={t('admin.settings.operatorsMayBanHint')}
                checked={draft.operatorsMayBan}
                disabled={!canEdit}
                onChange={(event) => set('operatorsMayBan', event.currentTarget.checked)}
              />
            </Section>
            <Section title={t('admin.settings.recording')}>
              <Switch
                label={t('admin.settings.recordingAv')}
                checked={draft.recordingAv}
                disabled={!canEdit}
                onChange={(event) => set('recordingAv', event.currentTarget.checked)}
              />
              <Switch
                label={t('admin.settings.recordingPhone')}
                checked={draft.recordingPhone}
                disabled={!canEdit}
                onChange={(event) => set('recordingPhone', event.currentTarget.checked)}
              />
              <NumberInput
                label={t('admin.settings.recordingRetentionDays')}
                min={1}
                max={3650}
                w={{ base: '100%', xs: 240 }}
                value={draft.recordingRetentionDays}
                disabled={!canEdit}
                onChange={(value) => typeof value === 'number' && set('recordingRetentionDays', value)}
              />
              <NumberInput
                label={t('admin.settings.fileRetentionDays')}
                min={1}
                max={3650}
                w={{ base: '100%', xs: 240 }}
                value={draft.fileRetentionDays}
                disabled={!canEdit}
                onChange={(value) => typeof value === 'number' && set('fileRetentionDays', value)}
              />
            </Section>
            <Section title={t('admin.settings.exports')}>
              <Select
                label={t('admin.settings.exportSeparator')}
                data={[
                  { value: 'semicolon', label: t('admin.settings.separator.semicolon') },
                  { value: 'comma', label: t('admin.settings.separator.comma') },
                ]}
                value={draft.exportSeparator}
                allowDeselect={false}
                disabled={!canEdit}
                onChange={(value) => {
                  if (value === 'semicolon' || value === 'comma') set('exportSeparator', value);
                }}
              />
              <Select
                label={t('admin.settings.timeZone')}
                description={t('admin.settings.timeZoneHint')}
                data={zones}
                searchable
                value={draft.timeZone}
                allowDeselect={false}
                disabled={!canEdit}
                onChange={(value) => value && set('timeZone', value)}
              />
            </Section>
            <Section title={t('admin.settings.audit')}>
              <NumberInput
                label={t('admin.settings.auditRetentionDays')}
                description={t('admin.settings.auditRetentionHint')}
                min={30}
                max={3650}
                w={{ base: '100%', xs: 240 }}
                value={draft.auditRetentionDays}
                disabled={!canEdit}
                onChange={(value) => typeof value === 'number' && set('auditRetentionDays', value)}
              />
            </Section>
            {save.isError && (
              <Alert color="red" variant="light" role="alert">
                {t('admin.error.save', { message: adminErrorText(save.error, t) })}
              </Alert>
            )}
            {canEdit && (
              <Group justify="flex-end" gap="sm">
                {dirty && (
                  <Text size="sm" c="dimmed">
                    {t('admin.settings.unsaved')}
                  </Text>
                )}
                {save.isSuccess && !dirty && (
                  <Text size="sm" c="green.7" role="status">
                    <IconCheck size={14} aria-hidden /> {t('admin.saved')}
                  </Text>
                )}
                <Button variant="default" disabled={!dirty} onClick={() => setDraft(settings.data ?? null)}>
                  {t('admin.cancel')}
                </Button>
                <Button type="submit" disabled={!dirty} loading={save.isPending}>
                  {t('admin.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </>
  );
}
