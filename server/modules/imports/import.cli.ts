import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { migrateToLatest } from '../../db/database';
import { openDatabase } from '../../db/open';
import { notFound } from '../../platform/errors';
import { createServices, type Services } from '../../services';

/** Opens the database (embedded or DATABASE_URL), brings the schema up to date, runs `work`, closes. */
export async function withCliServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, (line) => process.stderr.write(`${line}\n`), {
    applicationName: 'sessiondesk-cli',
    max: 4,
  });
  try {
    await migrateToLatest(database.db);
    return await work(createServices(database.db, config));
  } finally {
    await database.close();
  }
}

/** `sessiondesk import FILE --tenant SLUG`: the same import as POST /api/v1/imports, from a file or stdin (-). */
export function registerImportCommand(program: Command): void {
  program
    .command('import <file>')
    .description('Import historical sessions from an NDJSON file (one session per line; "-" reads stdin)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .action(async (file: string, options: { tenant: string }) => {
      if (file !== '-' && !fs.existsSync(file)) throw notFound(`File ${file}`);
      const rejected = await withCliServices(async (services) => {
        const tenant = await services.tenants.requireTenant(options.tenant);
        const source =
          file === '-' ? process.stdin : fs.createReadStream(file, { highWaterMark: 256 * 1024 });
        // Every rejected line, as it is found: a file may have more of them than a summary lists.
        const summary = await services.imports.importNdjson(
          { tenantId: tenant.id, actor: { tenantId: tenant.id, userId: null, apiKeyId: null } },
          source,
          {
            onRejected: (error) =>
              process.stderr.write(
                `line ${error.line}${error.externalId ? ` (${error.externalId})` : ''}: ${error.reason}\n`,
              ),
          },
        );
        process.stdout.write(
          `Imported into ${tenant.slug}: ${summary.created} created, ${summary.updated} updated, ` +
            `${summary.unchanged} unchanged, ${summary.rejected} rejected ` +
            `(${summary.activities} activities, ${summary.seconds.toFixed(1)} s)\n`,
        );
        return summary.rejected;
      });
      // Explicitly: the embedded cluster's exit hook would otherwise end the process with status 0.
      if (rejected > 0) process.exit(2);
    });
}
