import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Menu,
  Progress,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileTypeCsv, IconFileTypeHtml, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { CsvSeparator, ExportFormat } from './exports.api';
import { useExport } from './useExport';

export interface ExportMenuProps {
  /** The list's current parameters (view, q, sort, filters): what is exported is exactly what is listed. */
  query: Readonly<Record<string, string>>;
  /** The visible columns, in their order. */
  columns: readonly string[];
  /** How many sessions match, when known exactly (null when estimated). */
  total: number | null;
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Prague';
  } catch {
    return 'Europe/Prague';
  }
}

/**
 * "Export" on the sessions screen: CSV (separator, optional transcripts) or the searchable HTML file.
 * Up to 10,000 sessions download at once; larger exports run in the background with progress, cancel
 * and a download button when done.
 */
export function ExportMenu({ query, columns, total }: ExportMenuProps) {
  const { t, language } = useI18n();
  const [separator, setSeparator] = useState<CsvSeparator>(language === 'cs' ? 'semicolon' : 'comma');
  const [transcript, setTranscript] = useState(false);
  const exporter = useExport();
  const job = exporter.job;

  const run = (format: ExportFormat) =>
    exporter.exportSessions(
      { format, query, columns, lang: language, timeZone: browserTimeZone(), separator, transcript },
      total,
    );

  const running = job !== undefined && (job.state === 'queued' || job.state === 'running');

  return (
    <Stack gap={4}>
      <Menu position="bottom-end" withinPortal closeOnItemClick={false}>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            loading={exporter.starting}
            disabled={running}
          >
            {t('exports.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('exports.csv.title')}</Menu.Label>
          <Stack gap="xs" px="sm" pb="xs">
            <SegmentedControl
              size="xs"
              aria-label={t('exports.csv.separator')}
              value={separator}
              onChange={(value) => setSeparator(value)}
              data={[
                { value: 'semicolon', label: t('exports.csv.semicolon') },
                { value: 'comma', label: t('exports.csv.comma') },
              ]}
            />
            <Checkbox
              size="xs"
              label={t('exports.csv.transcript')}
              checked={transcript}
              onChange={(event) => setTranscript(event.currentTarget.checked)}
            />
          </Stack>
          <Menu.Item leftSection={<IconFileTypeCsv size={16} aria-hidden />} onClick={() => run('csv')}>
            {t('exports.csv.action')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconFileTypeHtml size={16} aria-hidden />} onClick={() => run('html')}>
            {t('exports.html.action')}
          </Menu.Item>
          <Text size="xs" c="dimmed" px="sm" pb="xs" maw={260}>
            {t('exports.html.hint')}
          </Text>
        </Menu.Dropdown>
      </Menu>
      {job && (
        <Group gap="xs" wrap="nowrap" aria-live="polite">
          {running && (
            <>
              <Progress
                w={140}
                value={job.total ? (100 * job.progress) / job.total : 0}
                animated
                aria-label={t('exports.job.progress', { done: job.progress, total: job.total ?? '?' })}
              />
              <Text size="xs">
                {t('exports.job.progress', { done: job.progress, total: job.total ?? '?' })}
              </Text>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('exports.job.cancel')}
                onClick={() => exporter.cancel(job.id)}
              >
                <IconX size={14} aria-hidden />
              </ActionIcon>
            </>
          )}
          {job.state === 'done' && job.downloadUrl && (
            <Button size="xs" variant="light" onClick={() => exporter.download(job.downloadUrl ?? '')}>
              {t('exports.job.download', { name: job.fileName })}
            </Button>
          )}
          {job.state === 'failed' && (
            <Text size="xs" c="red">
              {job.error ?? t('exports.job.failed')}
            </Text>
          )}
          {job.state === 'canceled' && (
            <Text size="xs" c="dimmed">
              {t('exports.job.canceled')}
            </Text>
          )}
          {!running && (
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('exports.job.dismiss')}
              onClick={() => exporter.dismiss()}
            >
              <IconX size={14} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      )}
      {exporter.error && (
        <Alert color="red" p="xs">
          {exporter.error.message}
        </Alert>
      )}
    </Stack>
  );
}
