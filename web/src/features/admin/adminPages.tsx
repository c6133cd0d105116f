import {
  IconAdjustments,
  IconBan,
  IconHistory,
  IconKey,
  IconMessageChatbot,
  IconPlugConnected,
  IconRoute,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { PlainMessageKey } from '../../i18n';
import type { UserRole } from '../auth';
import { BlacklistPage } from '../bans/BlacklistPage';
import { ChannelsPage } from '../channels/ChannelsPage';
import { ApiKeysPage } from './ApiKeysPage';
import { AuditPage } from './AuditPage';
import { GroupsPage } from './GroupsPage';
import { RulesPage } from './RulesPage';
import { WidgetsPage } from './WidgetsPage';
import { SettingsPage } from './SettingsPage';
import { UsersPage } from './UsersPage';

export interface AdminPage {
  /** The path under `/admin/`. */
  path: string;
  label: PlainMessageKey;
  icon: Icon;
  /** Who sees the page; supervisors see admin pages read-only where they are listed. */
  roles: readonly UserRole[];
  component: ComponentType;
}

/**
 * Every page of the Administration area, in menu order: the side menu, the routes under `/admin` and
 * the area's landing page all come from this one list. A new page is one entry here.
 */
export const adminPages: readonly AdminPage[] = [
  {
    path: 'users',
    label: 'admin.users.title',
    icon: IconUsers,
    roles: ['admin', 'supervisor'],
    component: UsersPage,
  },
  {
    path: 'groups',
    label: 'admin.groups.title',
    icon: IconUsersGroup,
    roles: ['admin', 'supervisor'],
    component: GroupsPage,
  },
  {
    path: 'rules',
    label: 'admin.rules.title',
    icon: IconRoute,
    roles: ['admin', 'supervisor'],
    component: RulesPage,
  },
  {
    path: 'widgets',
    label: 'admin.widgets.title',
    icon: IconMessageChatbot,
    roles: ['admin', 'supervisor'],
    component: WidgetsPage,
  },
  { path: 'api-keys', label: 'admin.keys.title', icon: IconKey, roles: ['admin'], component: ApiKeysPage },
  {
    path: 'blacklist',
    label: 'bans.title',
    icon: IconBan,
    roles: ['admin', 'supervisor'],
    component: BlacklistPage,
  },
  {
    path: 'settings',
    label: 'admin.settings.title',
    icon: IconAdjustments,
    roles: ['admin', 'supervisor'],
    component: SettingsPage,
  },
  {
    path: 'channels',
    label: 'channels.title',
    icon: IconPlugConnected,
    roles: ['admin'],
    component: ChannelsPage,
  },
  { path: 'audit', label: 'admin.audit.title', icon: IconHistory, roles: ['admin'], component: AuditPage },
];

/** The pages a role may open. */
export function adminPagesFor(role: UserRole): readonly AdminPage[] {
  return adminPages.filter((page) => page.roles.includes(role));
}
