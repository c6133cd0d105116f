import { AppShell as MantineAppShell, Badge, Divider, Group, UnstyledButton } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useSignedInMe } from '../features/auth';
import { useT } from '../i18n';
import classes from './AppShell.module.css';
import { Brand } from './Brand';
import { MainNav } from './MainNav';
import { navItems } from './navigation';
import { UserMenu } from './UserMenu';

const mainContentId = 'main-content';

/** The frame around every signed-in page: header with product, sections and account; the page below. */
export function AppShell() {
  const t = useT();
  const { tenant } = useSignedInMe();
  const home = navItems[0]?.to ?? '/';

  return (
    <MantineAppShell header={{ height: 60 }} padding={{ base: 'md', sm: 'lg' }}>
      <a href={`#${mainContentId}`} className={classes.skipLink}>
        {t('app.skipToContent')}
      </a>
      <MantineAppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'lg' }} justify="space-between" wrap="nowrap" gap="md">
          <Group h="100%" gap="lg" wrap="nowrap">
            <UnstyledButton component={Link} to={home} className={classes.brandLink}>
              <Brand />
            </UnstyledButton>
            <Badge variant="light" color="gray" radius="sm" visibleFrom="md" tt="none" fw={500} maw={220}>
              {tenant.name}
            </Badge>
            <Divider orientation="vertical" my="md" visibleFrom="xs" />
            <MainNav />
          </Group>
          <UserMenu />
        </Group>
      </MantineAppShell.Header>
      <MantineAppShell.Main id={mainContentId} tabIndex={-1} className={classes.main}>
        <Outlet />
      </MantineAppShell.Main>
    </MantineAppShell>
  );
}
