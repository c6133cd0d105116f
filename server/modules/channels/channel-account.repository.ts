import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { ChannelAccountType } from '../../../common/domain';

const accountColumns = [
  'tenant_id',
  'id',
  'type',
  'name',
  'settings',
  'secrets',
  'created_at',
  'updated_at',
  'disabled_at',
] as const;

/** Channel accounts; every query is scoped by tenant except the webhook's lookup by its URL's id. */
export function channelAccountRepository(db: Database) {
  return {
    async create(values: {
      tenantId: string;
      type: ChannelAccountType;
      name: string;
      settings: Record<string, unknown>;
      secrets: (id: string) => Buffer;
    }) {
      // The id is reserved first: the secrets are sealed to it (associated data), then written once.
      const reserved = await sql<{ id: string }>`
        SELECT nextval(pg_get_serial_sequence('channel_accounts', 'id'))::text AS id`.execute(db);
      const id = reserved.rows[0]?.id;
      if (!id) throw new Error('No channel account id was reserved.');
      return db
        .insertInto('channel_accounts')
        .values({
          tenant_id: values.tenantId,
          id,
          type: values.type,
          name: values.name,
          settings: JSON.stringify(values.settings),
          secrets: values.secrets(id),
        })
        .returning(accountColumns)
        .executeTakeFirstOrThrow();
    },

    async list(tenantId: string) {
      return db
        .selectFrom('channel_accounts')
        .select(accountColumns)
        .where('tenant_id', '=', tenantId)
        .orderBy('id')
        .execute();
    },

    async find(tenantId: string, id: string) {
      return db
        .selectFrom('channel_accounts')
        .select(accountColumns)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The account a webhook URL names (its id alone; the type must match too). */
    async forWebhook(type: ChannelAccountType, id: string) {
      return db
        .selectFrom('channel_accounts')
        .select(accountColumns)
        .where('id', '=', id)
        .where('type', '=', type)
        .executeTakeFirst();
    },

    async update(
      tenantId: string,
      id: string,
      values: { name: string; settings: Record<string, unknown>; secrets: Buffer; disabled: boolean },
    ) {
      return db
        .updateTable('channel_accounts')
        .set({
          name: values.name,
          settings: JSON.stringify(values.settings),
          secrets: values.secrets,
          updated_at: sql<Date>`now()`,
          disabled_at: values.disabled ? sql<Date>`coalesce(disabled_at, now())` : null,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(accountColumns)
        .executeTakeFirst();
    },
  };
}

export type ChannelAccountRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof channelAccountRepository>['find']>>
>;
