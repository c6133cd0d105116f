import type { Config } from './config';
import type { Database } from './db/database';
import { apiKeyService } from './modules/api-keys/api-key.service';
import { authService } from './modules/auth/auth.service';
import { tenantService } from './modules/tenants/tenant.service';

/** The services of the application, wired once; routes and the CLI receive them explicitly. */
export function createServices(db: Database, config: Pick<Config, 'sessionTtlHours'>) {
  return {
    db,
    auth: authService(db, { sessionTtlHours: config.sessionTtlHours }),
    tenants: tenantService(db),
    apiKeys: apiKeyService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
