import { Card, EmptyState } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';

/** Live and historical sessions. Placeholder until the sessions table lands. */
export function SessionsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('sessions.title')} description={t('sessions.description')} />
      <Card withBorder radius="lg" padding="xl">
        <EmptyState py={48} variant="light" icon={<IconTable size={28} stroke={1.6} aria-hidden />}>
          <EmptyState.Title order={2}>{t('sessions.comingTitle')}</EmptyState.Title>
          <EmptyState.Description maw={460}>{t('sessions.comingDescription')}</EmptyState.Description>
        </EmptyState>
      </Card>
    </>
  );
}
