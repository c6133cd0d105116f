import { IconHeadset, IconMessages, IconPlugConnected, type Icon } from '@tabler/icons-react';
import type { Role } from '../../../common/roles';
import type { PlainMessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: PlainMessageKey;
  icon: Icon;
  /** Only these roles see the item (all when absent). */
  roles?: readonly Role[];
}

/** The sections in the header, in order. Add a section here and a route in `app/router.tsx`. */
export const navItems: readonly NavItem[] = [
  { to: '/sessions', label: 'nav.sessions', icon: IconMessages },
  { to: '/workspace', label: 'nav.workspace', icon: IconHeadset },
  { to: '/admin/channels', label: 'nav.channels', icon: IconPlugConnected, roles: ['admin'] },
];
