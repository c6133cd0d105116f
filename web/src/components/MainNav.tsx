import { Group } from '@mantine/core';
import { NavLink } from 'react-router';
import { useSignedInMe } from '../features/auth';
import { useT } from '../i18n';
import classes from './MainNav.module.css';
import { navItemsFor } from './navigation';

export function MainNav() {
  const t = useT();
  const { user } = useSignedInMe();
  return (
    <nav aria-label={t('nav.label')} className={classes.nav}>
      <Group component="ul" gap={4} wrap="nowrap" className={classes.list}>
        {navItemsFor(user.role).map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <NavLink to={to} className={classes.link} aria-label={t(label)} title={t(label)}>
              <Icon size={18} stroke={1.7} aria-hidden />
              <span className={classes.label}>{t(label)}</span>
            </NavLink>
          </li>
        ))}
      </Group>
    </nav>
  );
}
