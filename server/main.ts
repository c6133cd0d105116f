import type { AddressInfo } from 'node:net';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from './config';
import { migrateToLatest } from './db/database';
import { openDatabase } from './db/open';
import { registerSeedCommand } from './modules/demo/demo.cli';
import { ensureDemoTenant } from './modules/demo/demo-login';
import { registerImportCommand } from './modules/imports/import.cli';
import { startDemoSimulation } from './modules/simulator/demo-simulation';
import { startDemoChannels } from './modules/demo/demo-channels';
import { registerSimulateCommand } from './modules/simulator/simulator.cli';
import { registerChannelsSandboxCommand } from './modules/channels/sandbox/sandbox.cli';
import { AppError } from './platform/errors';
import { forwardingLog } from './platform/log';
import { createApp } from './app';
import { createServices, type Services } from './services';
import { apiKeyRoles, roles, type ApiKeyRole, type Role } from '../common/roles';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${roles.join(', ')}`);
  return value as Role;
}

function parseApiKeyRole(value: string): ApiKeyRole {
  if (!(apiKeyRoles as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${apiKeyRoles.join(', ')}`);
  return value as ApiKeyRole;
}

/** Opens the database (embedded or DATABASE_URL), brings the schema up to date, runs `work`, closes. */
async function withServices<T>(config: Config, work: (services: Services) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, log, { applicationName: 'sessiondesk-cli', max: 4 });
  try {
    await migrateToLatest(database.db);
    return await work(createServices(database.db, config));
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config, log, { applicationName: 'sessiondesk-server', max: 20 });
  const migrations = await migrateToLatest(database.db);
  for (const result of migrations.results ?? []) log(`Applied migration ${result.migrationName}`);
  // Services log through the app's logger, which is built from them: attached once it exists.
  const serviceLog = forwardingLog();
  const services = createServices(database.db, config, { log: serviceLog });
  const demo = config.demo ? await ensureDemoTenant(services, config.dataDir) : undefined;
  const app = await createApp({ config, services });
  serviceLog.attach(app.log);
  // Live sessions: LISTEN for events from every instance, fire routing timers, sweep for orphans.
  await services.liveRuntime.start({
    connection: database.pool.options,
    log: { warn: (message, error) => app.log.warn({ err: error }, message) },
  });
  let simulation: { stop(): Promise<void> } | undefined;
  let demoChannels: { stop(): Promise<void> } | undefined;

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await simulation?.stop().catch(() => {});
    await demoChannels?.stop().catch(() => {});
    await app.close();
    await services.liveRuntime.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (demo && config.simulate) {
    const { port } = app.server.address() as AddressInfo;
    simulation = await startDemoSimulation(database.db, {
      tenantSlug: demo.login.tenant,
      baseUrl: `http://127.0.0.1:${port}`,
      intervalSeconds: config.simulateIntervalSeconds,
      log,
    }).catch((error: unknown) => {
      log(`The demo traffic simulator did not start: ${String(error)}`);
      return undefined;
    });
    // WhatsApp and Messenger clients write through a local stand-in of the platforms.
    demoChannels = await startDemoChannels(services, {
      tenantSlug: demo.login.tenant,
      appUrl: `http://127.0.0.1:${port}`,
      intervalSeconds: config.simulateIntervalSeconds * 3,
    }).catch((error: unknown) => {
      log(`The demo messaging channels did not start: ${String(error)}`);
      return undefined;
    });
  }
  // Last, so nothing that starts up scrolls it away.
  const url = `http://localhost:${config.port}`;
  const lines = [`Sessiondesk is running at ${url}  (API docs: ${url}/api/docs)`];
  if (demo) {
    lines.push(
      `Sign in with  workspace: ${demo.login.tenant}   e-mail: ${demo.login.email}   password: ${demo.login.password}`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

const program = new Command('sessiondesk')
  .description('Sessiondesk: the sessions console of a contact centre')
  .showHelpAfterError();

program
  .command('serve')
  .description('Serve the UI and the API (PORT, default 3000)')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('Bring the database schema up to date')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase(config, log, { applicationName: 'sessiondesk-cli', max: 2 });
    try {
      const result = await migrateToLatest(database.db);
      const applied = result.results ?? [];
      log(
        applied.length
          ? applied.map((r) => `Applied ${r.migrationName}`).join('\n')
          : 'The schema is up to date.',
      );
    } finally {
      await database.close();
    }
  });

const tenant = program.command('tenant').description('Manage tenants');
tenant
  .command('create <slug>')
  .description('Create a tenant')
  .requiredOption('--name <name>', 'display name')
  .action(async (slug: string, options: { name: string }) => {
    await withServices(loadConfig(), async (services) => {
      const created = await services.tenants.createTenant(slug, options.name);
      process.stdout.write(`Created tenant ${created.slug} (id ${created.id})\n`);
    });
  });

const user = program.command('user').description('Manage users');
user
  .command('create')
  .description('Create a user; prints a generated password when none is given')
  .requiredOption('--tenant <slug>', 'tenant slug')
  .requiredOption('--email <email>', 'e-mail (the login)')
  .requiredOption('--role <role>', `one of ${roles.join(', ')}`, parseRole)
  .option('--name <name>', 'display name')
  .option('--password <password>', 'password (at least 10 characters); generated when omitted')
  .action(
    async (options: { tenant: string; email: string; role: Role; name?: string; password?: string }) => {
      await withServices(loadConfig(), async (services) => {
        const created = await services.tenants.createUser({
          tenantSlug: options.tenant,
          email: options.email,
          role: options.role,
          ...(options.name ? { name: options.name } : {}),
          ...(options.password ? { password: options.password } : {}),
        });
        process.stdout.write(
          `Created ${created.user.role} ${created.user.email} in tenant ${created.tenant.slug}\n`,
        );
        if (created.generated) process.stdout.write(`Password: ${created.password}\n`);
      });
    },
  );

const apikey = program.command('apikey').description('Manage API keys');
apikey
  .command('create')
  .description('Create an API key; the key is printed alone on the last line')
  .requiredOption('--tenant <slug>', 'tenant slug')
  .requiredOption(
    '--role <role>',
    `one of ${apiKeyRoles.join(', ')} (media: a media server sending recordings)`,
    parseApiKeyRole,
  )
  .option('--name <name>', 'what the key is for', 'CLI key')
  .action(async (options: { tenant: string; role: ApiKeyRole; name: string }) => {
    await withServices(loadConfig(), async (services) => {
      const found = await services.tenants.requireTenant(options.tenant);
      const created = await services.apiKeys.create(
        { tenantId: found.id, userId: null, apiKeyId: null },
        { name: options.name, role: options.role },
      );
      process.stderr.write(
        `Created ${created.role} API key ${created.id} for tenant ${found.slug}. It is shown only now:\n`,
      );
      process.stdout.write(`${created.key}\n`);
    });
  });

registerImportCommand(program);
registerSeedCommand(program);
registerSimulateCommand(program);
registerChannelsSandboxCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof AppError) {
    log(`sessiondesk: ${error.message}`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  throw error;
}
