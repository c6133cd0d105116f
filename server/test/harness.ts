import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { loadConfig, type Config } from '../config';
import { connectDatabase } from '../db/database';
import { buildApp } from '../platform/http/app';
import type { App } from '../platform/http/types';
import { createServices, type Services } from '../services';

export interface TestContext {
  config: Config;
  services: Services;
  app: App;
}

/**
 * A real app on the run's real database, built once per test file and closed after it. Requests go
 * through `app.inject` (the full HTTP pipeline without a socket) or `app.listen` where a socket matters.
 */
export async function useTestApp(
  overrides: Partial<Config> = {},
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<TestContext> {
  // Files the app writes (exports) go to a directory of this test file's own, never ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-test-data-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
    databaseUrl: inject('databaseUrl'),
    ...overrides,
  };
  const database = connectDatabase(inject('databaseUrl'), { max: 5, applicationName: 'sessiondesk-test' });
  const services = createServices(database.db, config);
  const app = await buildApp(
    options.logStream
      ? { config, services, logger: true, logStream: options.logStream }
      : { config, services, logger: false },
  );
  await app.ready();
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { config, services, app };
}
