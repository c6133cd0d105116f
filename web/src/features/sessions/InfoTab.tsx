import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PARAM_PREFIX } from '../../../../common/columns';
import { useFormat, useI18n } from '../../i18n';
import { cellText, columnLabel } from './labels';
import type { Column, SessionDetail } from './sessions.api';

const clientColumns = new Set([
  'clientName',
  'clientEmail',
  'clientPhone',
  'clientIp',
  'language',
  'browser',
  'os',
]);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} fz="sm" fw={650} c="gray.8">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder verticalSpacing={6} fz="sm">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={170} fw={500} c="gray.7">
              {label}
            </Table.Th>
            <Table.Td dir="auto" style={{ overflowWrap: 'anywhere' }}>
              {value === '' || value === null ? (
                <Text span c="gray.5">
                  —
                </Text>
              ) : (
                value
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Every field of the session, the client, who took part, and restore links. */
export function InfoTab({
  detail,
  catalogue,
  onOpenSession,
}: {
  detail: SessionDetail;
  catalogue: Column[];
  onOpenSession: (id: string) => void;
}) {
  const { t, language } = useI18n();
  const format = useFormat();
  const sessionFields = catalogue.filter(
    (column) =>
      !column.id.startsWith(PARAM_PREFIX) &&
      !clientColumns.has(column.id) &&
      column.id !== 'restoredFrom' &&
      column.id !== 'restoredAs',
  );
  const byId = new Map(catalogue.map((column) => [column.id, column]));
  const clientRows: [string, ReactNode][] = [
    ...[...clientColumns].map((id): [string, ReactNode] => {
      const column = byId.get(id);
      return [columnLabel(column, id, language), column ? cellText(column, detail, t, format) : ''];
    }),
    [t('info.visitorId'), detail.client.visitorId ?? ''],
    [t('info.contactId'), detail.client.contactId ?? ''],
  ];
  const sessionLink = (id: string) => (
    <Anchor component="button" type="button" size="sm" onClick={() => onOpenSession(id)}>
      {t('detail.title', { id })}
    </Anchor>
  );

  return (
    <Stack gap="lg">
      <Section title={t('info.section.session')}>
        <Fields
          rows={[
            ...sessionFields.map((column): [string, ReactNode] => [
              columnLabel(column, column.id, language),
              cellText(column, detail, t, format),
            ]),
            ...(detail.result !== undefined
              ? [[t('info.result'), detail.result ?? ''] as [string, ReactNode]]
              : []),
          ]}
        />
      </Section>
      <Section title={t('info.section.client')}>
        <Fields rows={clientRows} />
      </Section>
      <Section title={t('info.section.participants')}>
        {detail.participants.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('info.noParticipants')}
          </Text>
        ) : (
          <Stack gap={4}>
            {detail.participants.map((participant) => (
              <Group key={`${participant.kind}-${participant.id}-${participant.joinedAt}`} gap="xs">
                <Text size="sm" fw={600}>
                  {participant.name}
                </Text>
                <Badge
                  size="xs"
                  variant="light"
                  color={participant.kind === 'chatbot' ? 'teal' : 'ocean'}
                  tt="none"
                >
                  {t(`info.participant.${participant.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('info.joined', { time: format.dateTime(participant.joinedAt) })}
                  {participant.leftAt
                    ? `, ${t('info.left', { time: format.dateTime(participant.leftAt) })}`
                    : ''}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Section>
      <Section title={t('info.section.links')}>
        {detail.restoredFrom === null && detail.restoredInto.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('info.noLinks')}
          </Text>
        ) : (
          <Fields
            rows={[
              ...(detail.restoredFrom
                ? [[t('info.restoredFrom'), sessionLink(detail.restoredFrom)] as [string, ReactNode]]
                : []),
              ...(detail.restoredInto.length > 0
                ? [
                    [
                      t('info.restoredInto'),
                      <Group key="into" gap="xs">
                        {detail.restoredInto.map((id) => (
                          <span key={id}>{sessionLink(id)}</span>
                        ))}
                      </Group>,
                    ] as [string, ReactNode],
                  ]
                : []),
            ]}
          />
        )}
      </Section>
    </Stack>
  );
}

/** The session's parameters, name and value. */
export function ParamsTab({ detail }: { detail: SessionDetail }) {
  const { t } = useI18n();
  const entries = Object.entries(detail.params).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <Text c="dimmed">{t('params.empty')}</Text>;
  return (
    <Table withTableBorder verticalSpacing={6} fz="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="40%">{t('params.name')}</Table.Th>
          <Table.Th>{t('params.value')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td fw={500} dir="auto" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Table.Td>
            <Table.Td dir="auto" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
