import type { Database } from '../../db/database';
import type { ChannelAccountType } from '../../../common/domain';
import { clientIdentities } from '../bans/ban-identity';
import { banRepository } from '../bans/ban.repository';

/**
 * Whether the client is banned on the channel right now, by any identity the session knows (the
 * platform's client id, the phone, the e-mail): the bans module's own lookup, without counting an
 * attempt — asking is a person's act, not the client knocking.
 */
export async function clientBan(
  db: Database,
  tenantId: string,
  channel: ChannelAccountType,
  client: { platformClientId: string; phone: string | null; email: string | null },
): Promise<{ id: string } | undefined> {
  return banRepository.match(db, tenantId, channel, clientIdentities(channel, client));
}
