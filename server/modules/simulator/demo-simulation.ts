import type { Database } from '../../db/database';
import { prepareSimulation } from './simulator-setup';
import { startSimulation } from './simulator';

/**
 * The gentle simulation `serve` runs for the demo tenant, so the Live view has something happening:
 * a new chat every `intervalSeconds`, answered by a few of the demo's operators at human pace.
 */
export async function startDemoSimulation(
  db: Database,
  options: { tenantSlug: string; baseUrl: string; intervalSeconds: number; log: (line: string) => void },
): Promise<{ stop(): Promise<void> }> {
  const setup = await prepareSimulation(db, options.tenantSlug, { operators: 4 });
  const simulation = startSimulation({
    baseUrl: options.baseUrl,
    widgetKey: setup.widgetKey,
    operators: setup.operators,
    ratePerSecond: 1 / options.intervalSeconds,
    warmupSessions: 6,
    log: options.log,
  });
  return {
    stop: async () => {
      await simulation.stop();
      await setup.release();
    },
  };
}
