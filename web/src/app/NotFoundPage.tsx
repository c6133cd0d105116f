import { Button, Card, EmptyState } from '@mantine/core';
import { IconArrowLeft, IconMapSearch } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';

/** Any unknown address inside the signed-in app. */
export function NotFoundPage() {
  const t = useT();
  const { pathname } = useLocation();
  usePageTitle(t('notFound.title'));
  return (
    <Card withBorder radius="lg" padding="xl">
      <EmptyState
        py={48}
        variant="light"
        color="gray"
        icon={<IconMapSearch size={28} stroke={1.6} aria-hidden />}
      >
        <EmptyState.Title order={1}>{t('notFound.title')}</EmptyState.Title>
        <EmptyState.Description maw={460}>
          {t('notFound.description', { path: pathname })}
        </EmptyState.Description>
        <EmptyState.Actions mt="sm">
          <Button component={Link} to="/sessions" leftSection={<IconArrowLeft size={16} aria-hidden />}>
            {t('notFound.back')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Card>
  );
}
