import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useT } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';

interface StartupErrorPageProps {
  onRetry: () => void;
  retrying: boolean;
}

/** Shown when the app cannot even find out who is signed in (server down, network gone). */
export function StartupErrorPage({ onRetry, retrying }: StartupErrorPageProps) {
  const t = useT();
  usePageTitle(t('startup.unreachableTitle'));
  return (
    <Center component="main" mih="100dvh" bg="gray.0" px="md">
      <Paper withBorder radius="lg" p="xl" maw={460}>
        <Stack align="center" gap="md" ta="center">
          <ThemeIcon size={48} radius="xl" variant="light" color="orange" aria-hidden>
            <IconPlugConnectedX size={26} />
          </ThemeIcon>
          <Title order={1} fz="h3">
            {t('startup.unreachableTitle')}
          </Title>
          <Text c="dimmed">{t('startup.unreachableDescription')}</Text>
          <Button onClick={onRetry} loading={retrying}>
            {t('startup.retry')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
