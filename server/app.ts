import type { Config } from './config';
import { buildApp } from './platform/http/app';
import type { HttpTimeouts } from './platform/http/timeouts';
import type { App } from './platform/http/types';
import { registerApiRoutes } from './routes';
import type { Services } from './services';

/**
 * The composition root of the HTTP side: the platform's app (plugins, authorisation, errors, docs,
 * the web UI) given the auth module as its authenticator and every feature's routes. The platform
 * imports no feature module; this file is where they meet.
 */
export function createApp(options: {
  config: Config;
  services: Services;
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
  timeouts?: Partial<HttpTimeouts>;
}): Promise<App> {
  const { config, services, ...rest } = options;
  return buildApp({
    config,
    authenticator: services.auth,
    db: services.db,
    registerRoutes: (app) => registerApiRoutes(app, services, config),
    ...rest,
  });
}
