import type { Config } from './config';
import { channelAccountRoutes, channelFileRoutes } from './modules/channels/channel-account.routes';
import { channelWebhookRoutes } from './modules/channels/channel-webhook.routes';
import { apiKeyRoutes } from './modules/api-keys/api-key.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { demoRoutes } from './modules/demo/demo.routes';
import { exportRoutes } from './modules/exports/export.routes';
import { importRoutes } from './modules/imports/import.routes';
import { liveStreamRoutes } from './modules/live/live-stream.routes';
import { liveRoutes } from './modules/live/live.routes';
import { routingRoutes } from './modules/routing/routing.routes';
import { restoreRoutes } from './modules/restore/restore.routes';
import { noteRoutes } from './modules/notes/note.routes';
import { preferenceRoutes } from './modules/preferences/preference.routes';
import { sessionRoutes } from './modules/sessions/session.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { groupRoutes } from './modules/groups/group.routes';
import { ruleRoutes } from './modules/routing-rules/rule.routes';
import { widgetRoutes } from './modules/widgets/widget.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { userRoutes } from './modules/users/user.routes';
import type { App } from './platform/http/types';
import type { Services } from './services';

/** Every API route module; adding a feature adds one line here. */
export function registerApiRoutes(app: App, services: Services, config: Config): void {
  authRoutes(app, services, config);
  apiKeyRoutes(app, services);
  userRoutes(app, services);
  settingsRoutes(app, services);
  auditRoutes(app, services);
  groupRoutes(app, services);
  ruleRoutes(app, services);
  widgetRoutes(app, services);
  importRoutes(app, services);
  sessionRoutes(app, services);
  noteRoutes(app, services);
  preferenceRoutes(app, services);
  exportRoutes(app, services);
  routingRoutes(app, services);
  liveRoutes(app, services);
  liveStreamRoutes(app, services);
  demoRoutes(app, services);
  channelAccountRoutes(app, services);
  channelWebhookRoutes(app, services);
  channelFileRoutes(app, services);
  restoreRoutes(app, services);
}
