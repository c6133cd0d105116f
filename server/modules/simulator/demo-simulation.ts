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
  const setup = await prepareSimulation(db, options.tenantSlug, { operators: 5 });
  // Only the simulated operators are really there: the others are offline, so no chat is offered to
  // someone who can never answer it.
  await db
    .updateTable('users')
    .set({ state: 'offline' })
    .where('tenant_id', '=', setup.tenantId)
    .where('role', '=', 'operator')
    .where(
      'id',
      'not in',
      setup.operators.map((operator) => operator.id),
    )
    .execute();
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
