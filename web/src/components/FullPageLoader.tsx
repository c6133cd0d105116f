import { Center, Loader, Stack, Text } from '@mantine/core';
import { useT } from '../i18n';
import classes from './FullPageLoader.module.css';

/** Shown while we do not yet know whether the user is signed in. */
export function FullPageLoader() {
  const t = useT();
  return (
    <Center h="100dvh" bg="gray.0" role="status" aria-live="polite">
      <Stack align="center" gap="sm" className={classes.root}>
        <Loader size="md" aria-hidden />
        <Text c="dimmed" size="sm">
          {t('app.loading')}
        </Text>
      </Stack>
    </Center>
  );
}
