import { silentLog } from '../platform/log';
import { sessionFacts, type FactsOptions } from '../modules/sessions/session-facts';
import { sessionService, type SessionServiceOptions } from '../modules/sessions/session.service';
import type { TestInstance } from './harness';
import { recordedDatabase } from './recorded-db';

/**
 * A sessions service over a facet index of its own (not the app's), with the tenant loaded and every
 * statement recorded: for tests of what the index answers and what it leaves to PostgreSQL.
 */
export async function recordedFactsService(
  { services, database }: Pick<TestInstance, 'services' | 'database'>,
  tenantId: string,
  factsOptions: Partial<FactsOptions> = {},
  serviceOptions: Partial<SessionServiceOptions> = {},
) {
  const { db, statements } = recordedDatabase(database.pool);
  const facts = sessionFacts(db, { log: silentLog, ...factsOptions });
  await facts.load(tenantId);
  const service = sessionService(db, {
    visibility: services.visibility,
    settings: services.settings,
    log: silentLog,
    facts,
    ...serviceOptions,
  });
  return { db, facts, statements, service };
}
