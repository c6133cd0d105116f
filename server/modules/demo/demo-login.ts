import { attachDemoRecordings } from './demo-recordings';
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../services';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo s.r.o.' } as const;
export const DEMO_ADMIN_EMAIL = 'admin@demo.example';

export interface DemoLogin {
  tenant: string;
  email: string;
  password: string;
}

/**
 * Sessions in the demo tenant's history, over the last 90 days. None is generated live: live sessions
 * come from the traffic simulator through the routing engine, so every one of them is real.
 */
export const DEMO_SESSIONS = 10_000;

/**
 * On the first start with an empty database, creates the demo tenant, its admin, ~20 operators in
 * groups, chatbots, widgets, routing rules and 10,000 realistic past sessions. The
 * generated password is kept in DATA_DIR/demo-login.json (readable by the owner only) so every start
 * can print it.
 */
export async function ensureDemoTenant(
  services: Services,
  dataDir: string,
): Promise<{ login: DemoLogin; created: boolean } | undefined> {
  const file = path.join(dataDir, 'demo-login.json');
  const existing = await services.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (existing) {
    if (!fs.existsSync(file)) return undefined;
    return { login: JSON.parse(fs.readFileSync(file, 'utf8')) as DemoLogin, created: false };
  }
  const tenant = await services.tenants.createTenant(DEMO_TENANT.slug, DEMO_TENANT.name);
  const { password } = await services.tenants.createUser({
    tenantSlug: DEMO_TENANT.slug,
    email: DEMO_ADMIN_EMAIL,
    name: 'Alena Správcová',
    role: 'admin',
  });
  await services.demo.seed({
    tenantSlug: DEMO_TENANT.slug,
    sessions: DEMO_SESSIONS,
    live: 0,
    seed: 'demo',
    until: new Date(),
  });
  await attachDemoRecordings(services.db, services.store, tenant.id);
  const login: DemoLogin = { tenant: DEMO_TENANT.slug, email: DEMO_ADMIN_EMAIL, password };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  return { login, created: true };
}
