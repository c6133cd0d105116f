import { Alert, Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Navigate, useSearchParams } from 'react-router';
import { Brand } from '../../components/Brand';
import { FullPageLoader } from '../../components/FullPageLoader';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import { readPreference } from '../../lib/storage';
import { usePageTitle } from '../../lib/usePageTitle';
import { LoginForm } from './LoginForm';
import { safeNextPath } from './nextPath';
import { useSignInNotice } from './signInNotice';
import { lastTenantPreference } from './useLogin';
import { useMe } from './useMe';

export function LoginPage() {
  const t = useT();
  const me = useMe();
  const [searchParams] = useSearchParams();
  const notice = useSignInNotice();
  usePageTitle(t('login.pageTitle'));

  if (me.data) return <Navigate to={safeNextPath(searchParams.get('next'))} replace />;
  // Until `me` answers, a signed-in user must not see the form flash by.
  if (me.isPending) return <FullPageLoader />;

  const initialTenant = searchParams.get('tenant')?.trim() || readPreference(lastTenantPreference) || '';

  return (
    <Box mih="100dvh" bg="gray.0" px="md">
      <Group justify="flex-end" py="md">
        <LanguageSwitch />
      </Group>
      <Center pb={64}>
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <Brand size="lg" />
          </Center>
          <Paper component="main" withBorder shadow="sm" radius="lg" p={{ base: 'lg', xs: 32 }}>
            <Stack gap="lg">
              <Stack gap={4}>
                <Title order={1} fz="h3">
                  {t('login.title')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('login.subtitle')}
                </Text>
              </Stack>
              {notice && (
                <Alert role="status" color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {notice === 'sessionExpired'
                    ? t('login.notice.sessionExpired')
                    : t('login.notice.signedOut')}
                </Alert>
              )}
              <LoginForm initialTenant={initialTenant} />
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
