import { InvalidArgumentError, type Command } from 'commander';
import { withCliServices } from '../imports/import.cli';

function positiveInt(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1 || n > 100_000_000)
    throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function instant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected an ISO 8601 time');
  return date;
}

/** Start of the current UTC day: the default end of the generated period, so a seed repeats within a day. */
function startOfToday(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** `sessiondesk seed --tenant SLUG --sessions N [--seed S] [--until TIME]`. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'Generate realistic sessions (Czech and English, all channels) into a tenant, created when missing. ' +
        'Deterministic: the same --seed and --until give the same data.',
    )
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--sessions <n>', 'how many sessions', positiveInt)
    .option('--seed <seed>', 'seed of the generator', 'seed')
    .option('--until <time>', 'end of the 90 generated days (default: start of today, UTC)', instant)
    .option('--live <n>', 'sessions live at --until (default: 1 in 1,000, at most 50)', positiveInt)
    .option(
      '--rebuild-indexes',
      'dedicated database only: drop the secondary indexes of sessions during the load, build them at the end',
    )
    .action(
      async (options: {
        tenant: string;
        sessions: number;
        seed: string;
        until?: Date;
        live?: number;
        rebuildIndexes?: boolean;
      }) => {
        await withCliServices(async (services) => {
          const large = options.sessions >= 50_000;
          let lastReport = 0;
          const result = await services.demo.seed({
            tenantSlug: options.tenant,
            sessions: options.sessions,
            seed: options.seed,
            until: options.until ?? startOfToday(),
            live: options.live ?? Math.min(50, Math.ceil(options.sessions / 1000)),
            batchSize: large ? 2000 : 500,
            rebuildIndexes: options.rebuildIndexes ?? false,
            log: (line) => process.stderr.write(`${line}\n`),
            progress: (written, total) => {
              if (written - lastReport >= 50_000 || written === total) {
                lastReport = written;
                process.stderr.write(
                  `  ${written.toLocaleString('en')} / ${total.toLocaleString('en')} sessions\n`,
                );
              }
            },
          });
          const counts = await services.demo.counts(result.tenantId);
          process.stdout.write(
            `Seeded tenant ${options.tenant}: ${result.created} created, ${result.updated} updated, ` +
              `${result.unchanged} unchanged; ${result.activities} activities written ` +
              `(tenant now has ${counts.sessions} sessions, ${counts.activities} activities) in ` +
              `${result.seconds.total.toFixed(1)} s (load ${result.seconds.load.toFixed(1)} s, indexes ${result.seconds.indexes.toFixed(1)} s)\n`,
          );
        });
      },
    );
}
