import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.generated';
import type { PlatformTemplate } from './adapters/meta.adapter';

type Db = Kysely<DB> | Transaction<DB>;

export interface TemplateRow {
  name: string;
  language: string;
  category: string;
  status: string;
  body: string;
  parameter_count: number;
  synced_at: Date;
}

/** The SQL of WhatsApp message templates: an account's list as last synchronised, and its sync state. */
export const whatsappTemplateRepository = {
  /**
   * Holds the account's row until the transaction ends, so two instances synchronising one account
   * (the daily run and an admin's refresh) replace its list one after the other.
   */
  async lockAccount(trx: Transaction<DB>, tenantId: string, accountId: string) {
    return trx
      .selectFrom('channel_accounts')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
  },

  /** Replaces the account's templates with what the platform listed. */
  async replace(
    trx: Transaction<DB>,
    tenantId: string,
    accountId: string,
    templates: (PlatformTemplate & { parameterCount: number })[],
  ) {
    await trx
      .deleteFrom('whatsapp_templates')
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .execute();
    // A name and language listed twice (it should not happen) is kept once.
    const unique = new Map(
      templates.map((template) => [`${template.name}\u0000${template.language}`, template]),
    );
    if (unique.size === 0) return;
    await trx
      .insertInto('whatsapp_templates')
      .values(
        [...unique.values()].map((template) => ({
          tenant_id: tenantId,
          account_id: accountId,
          name: template.name.slice(0, 512),
          language: template.language.slice(0, 20),
          category: template.category,
          status: template.status,
          body: template.body,
          parameter_count: Math.min(template.parameterCount, 100),
          platform_id: template.platformId,
          synced_at: sql<Date>`now()`,
        })),
      )
      .execute();
  },

  async markSynced(db: Db, tenantId: string, accountId: string, error: string | null) {
    await db
      .updateTable('channel_accounts')
      .set(
        error === null
          ? { templates_synced_at: sql<Date>`now()`, templates_error: null }
          : { templates_error: error.slice(0, 500) },
      )
      .where('tenant_id', '=', tenantId)
      .where('id', '=', accountId)
      .execute();
  },

  async syncState(db: Db, tenantId: string, accountId: string) {
    return db
      .selectFrom('channel_accounts')
      .select(['templates_synced_at', 'templates_error'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', accountId)
      .executeTakeFirst();
  },

  async list(db: Db, tenantId: string, accountId: string): Promise<TemplateRow[]> {
    return db
      .selectFrom('whatsapp_templates')
      .select(['name', 'language', 'category', 'status', 'body', 'parameter_count', 'synced_at'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .orderBy('name')
      .orderBy('language')
      .execute();
  },

  async find(db: Db, tenantId: string, accountId: string, name: string, language: string) {
    return db
      .selectFrom('whatsapp_templates')
      .select(['name', 'language', 'category', 'status', 'body', 'parameter_count', 'synced_at'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .where('language', '=', language)
      .executeTakeFirst();
  },

  /**
   * Enabled WhatsApp accounts of every tenant whose templates were not synchronised for `olderThan`
   * (or never): the daily run's work. A small table (a tenant has a few accounts).
   */
  async dueForSync(db: Db, olderThanHours: number, limit: number) {
    return db
      .selectFrom('channel_accounts')
      .select(['tenant_id', 'id'])
      .where('type', '=', 'whatsapp')
      .where('disabled_at', 'is', null)
      .where(sql<boolean>`settings ? 'businessAccountId'`)
      .where((eb) =>
        eb.or([
          eb('templates_synced_at', 'is', null),
          eb('templates_synced_at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`),
        ]),
      )
      .orderBy(sql`templates_synced_at NULLS FIRST`)
      .limit(limit)
      .execute();
  },
};
