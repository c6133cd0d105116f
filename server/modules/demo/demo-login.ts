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
 * On the first start with an empty database, creates the demo tenant and its admin. The generated
 * password is kept in DATA_DIR/demo-login.json (readable by the owner only) so every start can print it.
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
  await services.tenants.createTenant(DEMO_TENANT.slug, DEMO_TENANT.name);
  const { password } = await services.tenants.createUser({
    tenantSlug: DEMO_TENANT.slug,
    email: DEMO_ADMIN_EMAIL,
    name: 'Alena Správcová',
    role: 'admin',
  });
  const login: DemoLogin = { tenant: DEMO_TENANT.slug, email: DEMO_ADMIN_EMAIL, password };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  return { login, created: true };
}
