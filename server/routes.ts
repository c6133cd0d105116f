import type { Config } from './config';
import { apiKeyRoutes } from './modules/api-keys/api-key.routes';
import { authRoutes } from './modules/auth/auth.routes';
import type { App } from './platform/http/types';
import type { Services } from './services';

/** Every API route module; adding a feature adds one line here. */
export function registerApiRoutes(app: App, services: Services, config: Config): void {
  authRoutes(app, services, config);
  apiKeyRoutes(app, services);
}
