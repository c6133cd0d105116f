import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config';
import { migrateToLatest } from '../../db/database';
import { openDatabase } from '../../db/open';
import type { Database } from '../../db/database';
import { prepareSimulation } from './simulator-setup';
import { startSimulation, type Simulation } from './simulator';

const positive = (value: string): number => {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number');
  return number;
};

/** `sessiondesk simulate`: live traffic against a running server, through its public APIs. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('Drive simulated clients and operators through the live APIs of a running server')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--rate <perSecond>', 'new sessions per second (0.05 = one every 20 s)', positive)
    .option(
      '--duration <seconds>',
      'stop starting sessions after this long (default: until Ctrl+C)',
      positive,
    )
    .option('--operators <count>', 'how many operators to drive', positive, 6)
    .option('--url <url>', 'server URL (default http://localhost:$PORT)')
    .option('--fast', 'answer at machine speed instead of human pace (load generation)')
    .action(
      async (options: {
        tenant: string;
        rate: number;
        duration?: number;
        operators: number;
        url?: string;
        fast?: boolean;
      }) => {
        const config = loadConfig();
        const log = (line: string) => process.stderr.write(`${line}\n`);
        const database = await openDatabase(config, log, { applicationName: 'sessiondesk-simulate', max: 2 });
        let setup;
        try {
          await migrateToLatest(database.db);
          setup = await prepareSimulation(database.db, options.tenant, {
            operators: Math.round(options.operators),
          });
        } catch (error) {
          await database.close();
          throw error;
        }
        const simulation = startSimulation({
          baseUrl: options.url ?? `http://localhost:${config.port}`,
          widgetKey: setup.widgetKey,
          operators: setup.operators,
          ratePerSecond: options.rate,
          durationSeconds: options.duration,
          log,
          ...(options.fast ? { pace: FAST_PACE } : {}),
        });
        log(
          `Simulating ${options.rate} sessions/s with ${setup.operators.length} operators in ${options.tenant}…`,
        );
        const report = setInterval(() => log(JSON.stringify(simulation.stats)), 10_000);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
          if (options.duration !== undefined) setTimeout(resolve, (options.duration + 15) * 1000);
        });
        clearInterval(report);
        await finish(simulation, database.db, () => setup.release());
        log(JSON.stringify(simulation.stats));
        await database.close();
      },
    );
}

export const FAST_PACE = {
  acceptDelayMs: [50, 300] as [number, number],
  replyDelayMs: [100, 500] as [number, number],
  clientPauseMs: [200, 1_000] as [number, number],
  abandonAfterMs: 20_000,
  breakMs: [500, 2_000] as [number, number],
};

async function finish(simulation: Simulation, _db: Database, release: () => Promise<void>): Promise<void> {
  await simulation.stop();
  await release();
}
