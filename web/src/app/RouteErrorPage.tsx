import { Button, Card, Center, EmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useRouteError } from 'react-router';
import { useT } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';

/** Shown instead of a page that crashed while rendering, so one bug does not blank the whole app. */
export function RouteErrorPage() {
  const t = useT();
  const error = useRouteError();
  usePageTitle(t('error.title'));

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <Center py="xl" px="md">
      <Card withBorder radius="lg" padding="xl" maw={560} w="100%">
        <EmptyState
          py="lg"
          variant="light"
          color="red"
          icon={<IconAlertTriangle size={28} stroke={1.6} aria-hidden />}
          title={t('error.title')}
          description={t('error.description')}
        >
          <EmptyState.Actions mt="sm">
            <Button
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => window.location.reload()}
            >
              {t('error.reload')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    </Center>
  );
}
