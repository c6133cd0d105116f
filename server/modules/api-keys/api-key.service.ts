import type { Database } from '../../db/database';
import { notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { hashToken, newSecret } from '../../platform/auth/secrets';
import type { ApiKeyRole } from '../../../common/roles';
import { recordAudit } from '../audit/audit.repository';
import { formatApiKey } from '../auth/auth.service';
import { apiKeyRepository } from './api-key.repository';

export function apiKeyService(
  db: Database,
  deps: {
    /** A key was revoked: what the tenant's credentials resolved to is forgotten (credential-cache.ts). */
    credentialsChanged: (tenantId: string) => void;
  },
) {
  const repo = apiKeyRepository(db);

  return {
    /** Creates a key and returns its secret form; only the hash is kept, so this is the one time it is seen. */
    async create(
      actor: Pick<Principal, 'tenantId' | 'userId' | 'apiKeyId'>,
      input: { name: string; role: ApiKeyRole },
    ) {
      const secret = newSecret();
      const key = await repo.create({
        tenantId: actor.tenantId,
        name: input.name,
        role: input.role,
        secretHash: hashToken(secret),
        createdBy: actor.userId,
        userId: null,
      });
      await recordAudit(db, actor, {
        action: 'api_key.create',
        objectType: 'api_key',
        objectId: key.id,
        data: { role: key.role, name: key.name },
      });
      return { ...key, key: formatApiKey(actor.tenantId, key.id, secret) };
    },

    list(tenantId: string) {
      return repo.list(tenantId);
    },

    async revoke(actor: Principal, keyId: string) {
      const revoked = await repo.revoke(actor.tenantId, keyId);
      if (!revoked) throw notFound(`API key ${keyId}`);
      deps.credentialsChanged(actor.tenantId);
      await recordAudit(db, actor, { action: 'api_key.revoke', objectType: 'api_key', objectId: keyId });
      return revoked;
    },
  };
}
