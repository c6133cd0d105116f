import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { createApp } from '../app';
import { loadConfig, type Config } from '../config';
import { connectDatabase, type DatabaseHandle } from '../db/database';
import type { App } from '../platform/http/types';
import { forwardingLog } from '../platform/log';
import { createServices, type Services } from '../services';

export interface TestContext {
  config: Config;
  services: Services;
  app: App;
}

export interface TestInstance extends TestContext {
  database: DatabaseHandle;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Config values beyond the test defaults. */
  config?: Partial<Config>;
  /** Where log lines go; without it the app logs nothing. */
  logStream?: NodeJS.WritableStream;
  /**
   * Start the live runtime too (LISTEN connection, job workers, the orphan sweep), so timers fire and
   * events flow as in production.
   */
  live?: { sweepIntervalMs?: number };
  /** The messaging windows' clock (a test moves it to a window's exact edges instead of sleeping). */
  now?: () => Date;
}

/**
 * A real app on the run's real database. Requests go through `app.inject` (the full HTTP pipeline
 * without a socket) or `app.listen` where a socket matters. Files the app writes (exports) go to a
 * directory of its own, never ./data.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestInstance> {
  const url = inject('databaseUrl');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-test-data-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
    databaseUrl: url,
    ...options.config,
  };
  const database = connectDatabase(url, {
    max: options.live ? 6 : 5,
    applicationName: options.live ? 'sessiondesk-live-test' : 'sessiondesk-test',
  });
  const log = forwardingLog();
  const services = createServices(database.db, config, { log, ...(options.now ? { now: options.now } : {}) });
  const app = await createApp(
    options.logStream
      ? { config, services, logger: true, logStream: options.logStream }
      : { config, services, logger: false },
  );
  log.attach(app.log);
  await app.ready();
  if (options.live) {
    await services.liveRuntime.start({
      connection: database.pool.options,
      log: { warn: () => {} },
      sweepIntervalMs: options.live.sweepIntervalMs ?? 60_000,
    });
  }
  let stopped = false;
  return {
    app,
    services,
    config,
    database,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (options.live) await services.liveRuntime.stop();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `startTestApp` for a whole test file: built once, stopped after its tests. */
export async function useTestApp(options: TestAppOptions = {}): Promise<TestInstance> {
  const instance = await startTestApp(options);
  afterAll(() => instance.stop());
  return instance;
}
