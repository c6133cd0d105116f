import { ActionIcon, Alert, Anchor, Badge, Center, Group, Loader, Tabs, Text, Title } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFormat, useI18n } from '../../i18n';
import { isApiError } from '../../lib/api';
import { useScrollEdges } from '../../lib/useScrollEdges';
import { useMe } from '../auth';
import { InfoTab, ParamsTab } from './InfoTab';
import { enumLabel } from './labels';
import { NotesTab } from './NotesTab';
import { RecordingsTab } from './RecordingsTab';
import { redirectableStatuses } from './redirect.api';
import { RedirectButton } from './RedirectButton';
import { BanButton } from '../bans/BanButton';
import { offersRestore, type RestoreResult } from './restore.api';
import { RestoreButton } from './RestoreButton';
import { RoutingTab } from './RoutingTab';
import { sessionsApi, type Column } from './sessions.api';
import classes from './sessions.module.css';
import { statusColor } from './statusColor';
import { TranscriptTab } from './TranscriptTab';
import { sessionKeys } from './useSessionsData';
import type { DetailTab } from './urlState';

interface DetailPanelProps {
  sessionId: string;
  tab: DetailTab;
  hit: string | null;
  catalogue: Column[];
  onTab: (tab: DetailTab) => void;
  onClose: () => void;
  onOpenSession: (id: string) => void;
  /** A restore made (or found) this session: open it in the Live view. */
  onRestored: (result: RestoreResult) => void;
}

/** The panel on the right: one session's transcript, information, parameters, notes, routing, recordings. */
export function DetailPanel({
  sessionId,
  tab,
  hit,
  catalogue,
  onTab,
  onClose,
  onOpenSession,
  onRestored,
}: DetailPanelProps) {
  const { t } = useI18n();
  const format = useFormat();
  const tabRow = useScrollEdges<HTMLDivElement>();
  const detail = useQuery({
    queryKey: sessionKeys.detail(sessionId),
    queryFn: ({ signal }) => sessionsApi.detail(sessionId, signal),
  });

  // Esc closes the panel, unless it closes a popup first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('.mantine-Popover-dropdown, [role="menu"], .mantine-Modal-content')) return;
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const data = detail.data;
  const live = data ? data.status !== 'closed' : false;
  const showRecordings = data?.recordingsShown === true;
  const activeTab = tab === 'recordings' && data && !showRecordings ? 'transcript' : tab;
  const role = useMe().data?.user.role;
  const canRedirect =
    (role === 'admin' || role === 'supervisor') &&
    data !== undefined &&
    redirectableStatuses.includes(data.status);

  return (
    <aside className={classes.panel} aria-label={t('detail.label')}>
      <Group justify="space-between" px="md" pt="sm" pb={6} gap="xs" align="flex-start">
        <div style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Title order={2} fz="h4">
            {t('detail.title', { id: sessionId })}
          </Title>
          {data && (
            <Group gap={6} mt={4}>
              <Badge variant="light" radius="sm" tt="none">
                {enumLabel('channel', data.channel, t)}
              </Badge>
              <Badge variant="light" color={statusColor(data.status)} radius="sm" tt="none" fw={600}>
                {enumLabel('status', data.status, t)}
              </Badge>
              {data.banned && (
                <Badge variant="filled" color="red" radius="sm" tt="none">
                  {t('ban.badge')}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {format.dateTime(data.createdAt)}
                {data.clientName ? ` · ${data.clientName}` : ''}
              </Text>
            </Group>
          )}
          {data && (data.restoredFrom !== null || data.restoredAs !== null) && (
            <Group gap="md" mt={4}>
              {data.restoredFrom !== null && (
                <Text size="xs" data-testid="restored-from">
                  {t('restore.restoredFrom')}{' '}
                  <Anchor component="button" size="xs" onClick={() => onOpenSession(data.restoredFrom!)}>
                    #{data.restoredFrom}
                  </Anchor>
                </Text>
              )}
              {data.restoredAs !== null && (
                <Text size="xs" data-testid="restored-as">
                  {t('restore.restoredAs')}{' '}
                  <Anchor component="button" size="xs" onClick={() => onOpenSession(data.restoredAs!)}>
                    #{data.restoredAs}
                  </Anchor>
                </Text>
              )}
            </Group>
          )}
        </div>
        <Group gap={6} wrap="nowrap" ml="auto">
          {canRedirect && <RedirectButton sessionId={sessionId} />}
          {data && offersRestore(data) && <RestoreButton sessionId={sessionId} onRestored={onRestored} />}
          {data && <BanButton sessionId={sessionId} />}
          <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label={t('detail.close')}>
            <IconX size={18} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      {detail.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : detail.isError ? (
        <Alert color="red" variant="light" m="md" title={t('detail.loadFailed')}>
          {isApiError(detail.error) && detail.error.status === 404
            ? t('detail.notFound')
            : detail.error.message}
        </Alert>
      ) : (
        <Tabs
          value={activeTab}
          onChange={(value) => value && onTab(value as DetailTab)}
          keepMounted={false}
          styles={{ tab: { paddingInline: 9, fontSize: 'var(--mantine-font-size-sm)' } }}
          style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
        >
          <Tabs.List
            px="sm"
            className={classes.tabsList}
            ref={tabRow.ref}
            data-more-start={tabRow.edges.start || undefined}
            data-more-end={tabRow.edges.end || undefined}
          >
            <Tabs.Tab value="transcript">{t('detail.tab.transcript')}</Tabs.Tab>
            <Tabs.Tab value="info">{t('detail.tab.info')}</Tabs.Tab>
            <Tabs.Tab value="params">{t('detail.tab.params')}</Tabs.Tab>
            <Tabs.Tab value="notes">{t('detail.tab.notes')}</Tabs.Tab>
            <Tabs.Tab value="routing">{t('detail.tab.routing')}</Tabs.Tab>
            {showRecordings && <Tabs.Tab value="recordings">{t('detail.tab.recordings')}</Tabs.Tab>}
          </Tabs.List>
          <div className={classes.panelBody}>
            <Tabs.Panel value="transcript">
              <TranscriptTab sessionId={sessionId} hit={hit} />
            </Tabs.Panel>
            <Tabs.Panel value="info">
              <InfoTab detail={detail.data} catalogue={catalogue} onOpenSession={onOpenSession} />
            </Tabs.Panel>
            <Tabs.Panel value="params">
              <ParamsTab detail={detail.data} />
            </Tabs.Panel>
            <Tabs.Panel value="notes">
              <NotesTab sessionId={sessionId} />
            </Tabs.Panel>
            <Tabs.Panel value="routing">
              <RoutingTab sessionId={sessionId} live={live} />
            </Tabs.Panel>
            {showRecordings && (
              <Tabs.Panel value="recordings">
                <RecordingsTab sessionId={sessionId} />
              </Tabs.Panel>
            )}
          </div>
        </Tabs>
      )}
    </aside>
  );
}
