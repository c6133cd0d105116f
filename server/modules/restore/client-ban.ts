import type { Database } from '../../db/database';
import type { Channel } from '../../../common/domain';
import { routingRepository } from '../routing/routing.repository';

/**
 * Whether the client is banned on the channel right now: the same check the engine makes before every
 * new session (the webhooks' sessions included). Restore calls only this function, so when the bans
 * module changes how a ban is found (issue #17), this is the one line to point at it.
 */
export async function clientBan(
  db: Database,
  tenantId: string,
  channel: Channel,
  identities: { kind: string; value: string }[],
): Promise<{ id: string } | undefined> {
  return routingRepository.activeBan(db, tenantId, channel, identities);
}
