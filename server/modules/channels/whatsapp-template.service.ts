import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { AppError, notFound } from '../../platform/errors';
import type { Log } from '../../platform/log';
import { hasNamedParameters, templateParameterCount } from '../../../common/whatsapp-template';
import { recordAudit } from '../audit/audit.repository';
import { fetchWhatsappTemplates } from './adapters/meta.adapter';
import type { ChannelAccountService } from './channel-account.service';
import { whatsappTemplateRepository as repo, type TemplateRow } from './whatsapp-template.repository';

/** The daily synchronisation: an account's list is read again when it is older than this. */
export const TEMPLATE_SYNC_EVERY_HOURS = 24;

/** A template as the API and the Restore dialog show it. */
export function presentTemplate(row: TemplateRow) {
  return {
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    body: row.body,
    parameterCount: row.parameter_count,
    /** Only approved templates with positional parameters can be sent from Sessiondesk. */
    offered: isOffered(row),
  };
}

export function isOffered(row: Pick<TemplateRow, 'status' | 'body'>): boolean {
  return row.status === 'APPROVED' && !hasNamedParameters(row.body);
}

/**
 * WhatsApp message templates per account: synchronised from the platform's template list (on demand
 * and daily), read by the Channels page and by Restore, which offers only the approved ones.
 */
export function whatsappTemplateService(db: Database, deps: { accounts: ChannelAccountService; log: Log }) {
  /** Reads the account's templates from the platform and replaces the stored list. */
  async function sync(tenantId: string, accountId: string): Promise<void> {
    const account = await deps.accounts.openAccount(tenantId, accountId);
    if (!account || account.type !== 'whatsapp') throw notFound(`WhatsApp account ${accountId}`);
    let templates;
    try {
      templates = await fetchWhatsappTemplates(account.config);
    } catch (error) {
      const reason = (error as Error).message;
      await repo.markSynced(db, tenantId, accountId, reason);
      throw new AppError(
        'channels.templates_unavailable',
        `The platform's template list could not be read: ${reason}`,
      );
    }
    await db.transaction().execute(async (trx) => {
      await repo.lockAccount(trx, tenantId, accountId);
      await repo.replace(
        trx,
        tenantId,
        accountId,
        templates.map((template) => ({ ...template, parameterCount: templateParameterCount(template.body) })),
      );
      await repo.markSynced(trx, tenantId, accountId, null);
    });
  }

  async function view(tenantId: string, accountId: string) {
    const [state, rows] = await Promise.all([
      repo.syncState(db, tenantId, accountId),
      repo.list(db, tenantId, accountId),
    ]);
    return {
      syncedAt: state?.templates_synced_at ?? null,
      error: state?.templates_error ?? null,
      items: rows.map(presentTemplate),
    };
  }

  async function requireWhatsapp(principal: Principal, accountId: string) {
    const account = await deps.accounts.get(principal, accountId);
    if (account.type !== 'whatsapp')
      throw new AppError('channels.not_whatsapp', 'Message templates exist only for WhatsApp accounts.');
  }

  return {
    /** The Channels page: the account's templates as last synchronised, with when and how it went. */
    async list(principal: Principal, accountId: string) {
      await requireWhatsapp(principal, accountId);
      return view(principal.tenantId, accountId);
    },

    /** "Refresh" on the Channels page: synchronise now; audited. */
    async refresh(principal: Principal, accountId: string) {
      await requireWhatsapp(principal, accountId);
      await sync(principal.tenantId, accountId);
      await recordAudit(db, principal, {
        action: 'channel.templates_sync',
        objectType: 'channel_account',
        objectId: accountId,
        data: {},
      });
      return view(principal.tenantId, accountId);
    },

    /** The daily run (every instance's live runtime, each account once a day): failures are kept and logged. */
    async syncDue(limit = 20): Promise<number> {
      const due = await repo.dueForSync(db, TEMPLATE_SYNC_EVERY_HOURS, limit);
      for (const account of due) {
        await sync(account.tenant_id, account.id).catch((error: unknown) =>
          deps.log.warn({ err: error, accountId: account.id }, 'WhatsApp template synchronisation failed'),
        );
      }
      return due.length;
    },

    /** The approved templates Restore may send (positional parameters only). */
    async offered(tenantId: string, accountId: string) {
      return (await repo.list(db, tenantId, accountId)).filter(isOffered).map(presentTemplate);
    },

    /** One template, if the account has it (whatever its status). */
    async find(tenantId: string, accountId: string, name: string, language: string) {
      return repo.find(db, tenantId, accountId, name, language);
    },

    sync,
  };
}

export type WhatsappTemplateService = ReturnType<typeof whatsappTemplateService>;
