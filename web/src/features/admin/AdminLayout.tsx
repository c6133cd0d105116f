import { Box, NavLink as MantineNavLink, ScrollArea, Stack } from '@mantine/core';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useT } from '../../i18n';
import { useSignedInMe } from '../auth';
import classes from './admin.module.css';
import { adminPagesFor } from './adminPages';

/** The Administration area: its pages' menu (a side column on wide screens, a strip on narrow ones) and the page. */
export function AdminLayout() {
  const t = useT();
  const { user } = useSignedInMe();
  const pages = adminPagesFor(user.role);
  const location = useLocation();
  const first = pages[0];
  if (!first) return <Navigate to="/" replace />;
  // The landing page, and any page this role may not open, lead to the role's first page.
  const current = location.pathname.split('/')[2] ?? '';
  if (!pages.some((page) => page.path === current)) return <Navigate to={`/admin/${first.path}`} replace />;

  return (
    <div className={classes.layout}>
      <nav aria-label={t('admin.nav.label')} className={classes.side}>
        <ScrollArea type="never" scrollbars="x">
          <Stack gap={2} className={classes.sideList}>
            {pages.map(({ path, label, icon: Icon }) => (
              <MantineNavLink
                key={path}
                component={NavLink}
                to={`/admin/${path}`}
                label={t(label)}
                active={location.pathname.startsWith(`/admin/${path}`)}
                leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
                className={classes.sideLink}
              />
            ))}
          </Stack>
        </ScrollArea>
      </nav>
      <Box className={classes.page}>
        <Outlet />
      </Box>
    </div>
  );
}
