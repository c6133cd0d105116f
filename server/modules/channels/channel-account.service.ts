import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import type { SecretBox } from '../../platform/auth/secret-box';
import { invalid, notFound } from '../../platform/errors';
import type { ChannelAccountType } from '../../../common/domain';
import { recordAudit } from '../audit/audit.repository';
import { channelAccountRepository, type ChannelAccountRow } from './channel-account.repository';
import {
  accountConfigSchemas,
  accountFields,
  type AppleConfig,
  type CreateChannelInput,
  type MessengerConfig,
  type UpdateChannelInput,
  type VkontakteConfig,
  type WhatsappConfig,
} from './channel.schemas';

/** An account with its secrets opened: what the adapters use; never leaves the server. */
export type OpenAccount =
  | { tenantId: string; id: string; type: 'whatsapp'; enabled: boolean; config: WhatsappConfig }
  | { tenantId: string; id: string; type: 'messenger'; enabled: boolean; config: MessengerConfig }
  | { tenantId: string; id: string; type: 'apple'; enabled: boolean; config: AppleConfig }
  | { tenantId: string; id: string; type: 'vkontakte'; enabled: boolean; config: VkontakteConfig };

/** Associated data of an account's sealed secrets: they open only on their own row. */
const sealContext = (tenantId: string, id: string) => `channel_account:${tenantId}:${id}`;

function split(type: ChannelAccountType, config: Record<string, unknown>) {
  const fields = accountFields[type];
  const pick = (names: readonly string[]) =>
    Object.fromEntries(names.filter((key) => config[key] !== undefined).map((key) => [key, config[key]]));
  return { settings: pick(fields.settings), secrets: pick(fields.secrets) };
}

/**
 * Channel accounts of a tenant (admins only): the platform's ids and settings in the clear, its
 * secrets sealed (AES-256-GCM) and never returned or logged; each shows the webhook URL to paste into
 * the platform.
 */
export function channelAccountService(db: Database, deps: { box: SecretBox; publicUrl: string }) {
  const repo = channelAccountRepository(db);

  const webhookUrl = (row: Pick<ChannelAccountRow, 'type' | 'id'>) =>
    `${deps.publicUrl}/webhooks/${row.type}/${row.id}`;

  function secretsOf(row: ChannelAccountRow): Record<string, unknown> {
    return JSON.parse(deps.box.open(row.secrets, sealContext(row.tenant_id, row.id))) as Record<
      string,
      unknown
    >;
  }

  function present(row: ChannelAccountRow) {
    const secrets = secretsOf(row);
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      enabled: row.disabled_at === null,
      config: row.settings as Record<string, string | boolean>,
      secretsSet: accountFields[row.type].secrets.filter((key) => secrets[key] !== undefined),
      webhookUrl: webhookUrl(row),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function open(row: ChannelAccountRow): OpenAccount {
    return {
      tenantId: row.tenant_id,
      id: row.id,
      type: row.type,
      enabled: row.disabled_at === null,
      config: { ...(row.settings as object), ...secretsOf(row) },
    } as OpenAccount;
  }

  async function require(principal: Principal, id: string) {
    const row = await repo.find(principal.tenantId, id);
    if (!row) throw notFound(`Channel account ${id}`);
    return row;
  }

  return {
    webhookUrl,

    async create(principal: Principal, input: CreateChannelInput) {
      const { settings, secrets } = split(input.type, input.config);
      const row = await db.transaction().execute(async (trx) => {
        const created = await channelAccountRepository(trx).create({
          tenantId: principal.tenantId,
          type: input.type,
          name: input.name,
          settings,
          secrets: (id) => deps.box.seal(JSON.stringify(secrets), sealContext(principal.tenantId, id)),
        });
        await recordAudit(trx, principal, {
          action: 'channel.create',
          objectType: 'channel_account',
          objectId: created.id,
          data: { type: input.type, name: input.name, settings },
        });
        return created;
      });
      return present(row);
    },

    async list(principal: Principal) {
      return (await repo.list(principal.tenantId)).map(present);
    },

    async get(principal: Principal, id: string) {
      return present(await require(principal, id));
    },

    async update(principal: Principal, id: string, input: UpdateChannelInput) {
      const row = await require(principal, id);
      const current = { ...(row.settings as Record<string, unknown>), ...secretsOf(row) };
      const parsed = accountConfigSchemas[row.type].safeParse({ ...current, ...(input.config ?? {}) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalid(`config.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, {
          parameter: `config.${issue?.path.join('.') ?? ''}`,
        });
      }
      const { settings, secrets } = split(row.type, parsed.data);
      const updated = await db.transaction().execute(async (trx) => {
        const written = await channelAccountRepository(trx).update(principal.tenantId, id, {
          name: input.name ?? row.name,
          settings,
          secrets: deps.box.seal(JSON.stringify(secrets), sealContext(principal.tenantId, id)),
          disabled: input.enabled === undefined ? row.disabled_at !== null : !input.enabled,
        });
        if (!written) throw notFound(`Channel account ${id}`);
        await recordAudit(trx, principal, {
          action: 'channel.update',
          objectType: 'channel_account',
          objectId: id,
          data: {
            name: input.name,
            enabled: input.enabled,
            settings,
            secretsChanged: Object.keys(input.config ?? {}).filter((key) =>
              (accountFields[row.type].secrets as readonly string[]).includes(key),
            ),
          },
        });
        return written;
      });
      return present(updated);
    },

    /** The account a webhook names, secrets opened; undefined when there is none of that type. */
    async forWebhook(type: ChannelAccountType, id: string): Promise<OpenAccount | undefined> {
      if (!/^[1-9]\d{0,17}$/.test(id)) return undefined;
      const row = await repo.forWebhook(type, id);
      return row ? open(row) : undefined;
    },

    /** An account of a tenant with its secrets opened (the sender's and the inbound worker's read). */
    async openAccount(tenantId: string, id: string): Promise<OpenAccount | undefined> {
      const row = await repo.find(tenantId, id);
      return row ? open(row) : undefined;
    },
  };
}

export type ChannelAccountService = ReturnType<typeof channelAccountService>;
