import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database';
import { AppError, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { recordAudit } from '../audit/audit.repository';
import { widgetRepository } from './widget.repository';

/** A new public key: 128 random bits. Public (it sits in web pages), so stored as is. */
function newPublicKey(): string {
  return `wk_${randomBytes(16).toString('hex')}`;
}

type WidgetRow = NonNullable<Awaited<ReturnType<ReturnType<typeof widgetRepository>['find']>>>;

/**
 * What a site puts in its page: the server and the widget's key, for a web chat client that speaks the
 * public client API (docs/live.md). Sessiondesk does not host a chat script itself (yet).
 */
export function embedSnippet(serverUrl: string, publicKey: string): string {
  return [
    '<script>',
    `  window.sessiondeskChat = { server: ${JSON.stringify(serverUrl)}, widgetKey: ${JSON.stringify(publicKey)} };`,
    '</script>',
  ].join('\n');
}

/** Web chat widgets: create, rename, allowed origins, rotate the public key. Audited. */
export function widgetService(db: Database) {
  const repo = widgetRepository(db);

  function present(row: WidgetRow, serverUrl: string) {
    return {
      id: row.id,
      name: row.name,
      publicKey: row.public_key,
      allowedOrigins: row.allowed_origins,
      createdAt: row.created_at,
      keyRotatedAt: row.key_rotated_at,
      embedSnippet: embedSnippet(serverUrl, row.public_key),
    };
  }

  async function requireWidget(tenantId: string, widgetId: string) {
    const row = await repo.find(tenantId, widgetId);
    if (!row) throw notFound(`Widget ${widgetId}`);
    return row;
  }

  async function checkName(tenantId: string, name: string | undefined, exceptId: string | null) {
    if (name !== undefined && (await repo.nameTaken(tenantId, name, exceptId))) {
      throw new AppError('widgets.name_taken', `A widget named "${name}" already exists.`);
    }
  }

  return {
    async list(principal: Principal, serverUrl: string) {
      return (await repo.list(principal.tenantId)).map((row) => present(row, serverUrl));
    },

    async create(
      principal: Principal,
      input: { name: string; allowedOrigins?: string[] },
      serverUrl: string,
    ) {
      await checkName(principal.tenantId, input.name, null);
      const id = await db.transaction().execute(async (trx) => {
        const widgetId = await widgetRepository(trx).insert(principal.tenantId, {
          name: input.name,
          publicKey: newPublicKey(),
          allowedOrigins: input.allowedOrigins ?? [],
        });
        await recordAudit(trx, principal, {
          action: 'widget.create',
          objectType: 'widget',
          objectId: widgetId,
          data: { after: { name: input.name, allowedOrigins: input.allowedOrigins ?? [] } },
        });
        return widgetId;
      });
      return present(await requireWidget(principal.tenantId, id), serverUrl);
    },

    async update(
      principal: Principal,
      widgetId: string,
      input: { name?: string; allowedOrigins?: string[] },
      serverUrl: string,
    ) {
      const current = await requireWidget(principal.tenantId, widgetId);
      await checkName(principal.tenantId, input.name, widgetId);
      const unchanged =
        (input.name === undefined || input.name === current.name) &&
        (input.allowedOrigins === undefined ||
          JSON.stringify(input.allowedOrigins) === JSON.stringify(current.allowed_origins));
      // Nothing to change, nothing to audit.
      if (unchanged) return present(current, serverUrl);
      await db.transaction().execute(async (trx) => {
        await widgetRepository(trx).update(principal.tenantId, widgetId, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.allowedOrigins !== undefined ? { allowed_origins: input.allowedOrigins } : {}),
        });
        await recordAudit(trx, principal, {
          action: 'widget.update',
          objectType: 'widget',
          objectId: widgetId,
          data: {
            before: { name: current.name, allowedOrigins: current.allowed_origins },
            after: {
              name: input.name ?? current.name,
              allowedOrigins: input.allowedOrigins ?? current.allowed_origins,
            },
          },
        });
      });
      return present(await requireWidget(principal.tenantId, widgetId), serverUrl);
    },

    /** A new public key; the old one stops working at once (sites must update their snippet). */
    async rotateKey(principal: Principal, widgetId: string, serverUrl: string) {
      await requireWidget(principal.tenantId, widgetId);
      await db.transaction().execute(async (trx) => {
        await widgetRepository(trx).update(principal.tenantId, widgetId, { public_key: newPublicKey() });
        await recordAudit(trx, principal, {
          action: 'widget.rotate_key',
          objectType: 'widget',
          objectId: widgetId,
        });
      });
      return present(await requireWidget(principal.tenantId, widgetId), serverUrl);
    },
  };
}

export type WidgetService = ReturnType<typeof widgetService>;
