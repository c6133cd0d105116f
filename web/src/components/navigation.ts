import { IconHeadset, IconMessages, type Icon } from '@tabler/icons-react';
import type { PlainMessageKey } from '../i18n';

export interface NavItem {
  to: string;
  label: PlainMessageKey;
  icon: Icon;
}

/** The sections in the header, in order. Add a section here and a route in `app/router.tsx`. */
export const navItems: readonly NavItem[] = [
  { to: '/sessions', label: 'nav.sessions', icon: IconMessages },
  { to: '/workspace', label: 'nav.workspace', icon: IconHeadset },
];
