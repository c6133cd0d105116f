import { IconHeadset, IconMessages, IconSettings, type Icon } from '@tabler/icons-react';
import type { UserRole } from '../features/auth';
import type { PlainMessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: PlainMessageKey;
  icon: Icon;
  /** Who sees the section; everyone when absent. */
  roles?: readonly UserRole[];
}

/** The sections in the header, in order. Add a section here and a route in `app/router.tsx`. */
export const navItems: readonly NavItem[] = [
  { to: '/sessions', label: 'nav.sessions', icon: IconMessages },
  { to: '/workspace', label: 'nav.workspace', icon: IconHeadset },
  // The area's own pages are listed in features/admin/adminPages.tsx.
  { to: '/admin', label: 'nav.admin', icon: IconSettings, roles: ['admin', 'supervisor'] },
];

/** The sections a role sees. */
export function navItemsFor(role: UserRole): readonly NavItem[] {
  return navItems.filter((item) => !item.roles || item.roles.includes(role));
}
