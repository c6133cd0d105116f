import { DEMO_TENANT } from './demo-login';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database';
import type { UserState } from '../../../common/domain';
import { batchPipeline, recordHash, sessionWriter, type PendingRecord } from '../imports/import.writer';
import type { SettingsService } from '../settings/settings.service';
import type { TenantService } from '../tenants/tenant.service';
import { demoRepository } from './demo.repository';
import { createGenerator, demoChatbots, demoGroups, demoOperators, demoWidgets, Random } from './generator';

export interface SeedOptions {
  tenantSlug: string;
  sessions: number;
  seed: string;
  /** End of the generated period; sessions cover the 90 days before it. */
  until: Date;
  /** Sessions live at `until`. */
  live?: number;
  batchSize?: number;
  /**
   * For very large loads into a dedicated database: drop the secondary indexes of `sessions` first and
   * build them once after the load and the search documents (same definitions, so the same schema).
   */
  rebuildIndexes?: boolean;
  progress?: (written: number, total: number) => void;
  log?: (line: string) => void;
}

export interface SeedResult {
  tenantId: string;
  created: number;
  updated: number;
  unchanged: number;
  activities: number;
  seconds: { load: number; indexes: number; total: number };
}

/**
 * The demo and the seed command: a tenant with operators in groups, chatbots, widgets and routing rules,
 * then generated sessions written through the import's bulk write path.
 */
export function demoService(db: Database, tenants: TenantService, settings: Pick<SettingsService, 'update'>) {
  const repo = demoRepository(db);

  async function ensureDirectory(tenantId: string, seed: string): Promise<void> {
    const r = new Random(seed, 'directory');
    const states: UserState[] = ['online', 'online', 'away', 'break', 'offline'];
    const users = await repo.upsertOperators(
      tenantId,
      demoOperators.map((o) => ({
        email: o.email,
        name: o.name,
        state: r.pick(states),
        capacity: r.int(2, 5),
      })),
    );
    const groups = await repo.upsertGroups(
      tenantId,
      demoGroups.map((name) => ({
        name,
        queueSize: name === 'VIP' ? 5 : 20,
        acceptTimeoutSeconds: name === 'VIP' ? 20 : 30,
      })),
    );
    const userIds = new Map(users.map((u) => [u.email, u.id]));
    const groupIds = new Map(groups.map((g) => [g.name, g.id]));
    await repo.addGroupMembers(
      tenantId,
      demoOperators.flatMap((o) =>
        o.groups.map((group) => ({ groupId: groupIds.get(group)!, userId: userIds.get(o.email)! })),
      ),
    );
    const bots = await repo.upsertChatbots(tenantId, demoChatbots);
    const botIds = new Map(bots.map((b) => [b.name, b.id]));
    await repo.upsertWidgets(
      tenantId,
      demoWidgets.map((name) => ({ name, publicKey: randomBytes(16).toString('hex') })),
    );
    await repo.addRoutingRules(tenantId, [
      { name: 'VIP zákazníci', conditions: { params: { segment: 'VIP' } }, groupId: groupIds.get('VIP')! },
      {
        name: 'English speakers',
        conditions: { params: { language: 'en' } },
        groupId: groupIds.get('English support')!,
      },
      {
        // The bot answers the FAQ pages' chats; everything else reaches people.
        name: 'Chatbot na stránkách FAQ',
        conditions: { channel: ['webchat'], pageUrlContains: '/faq' },
        chatbotId: botIds.get('Bot Eliška')!,
      },
      {
        name: 'Obchodní dotazy',
        conditions: { pageUrlContains: '/produkt/' },
        groupId: groupIds.get('Obchod')!,
      },
      { name: 'Výchozí', conditions: {}, groupId: groupIds.get('Podpora')!, fallback: true },
    ]);
    await settings.update(tenantId, { recordingAv: true, recordingPhone: true });
  }

  return {
    ensureDirectory,

    /** The demo widget's public key, for the demo shop page; undefined without a demo workspace. */
    demoWidgetKey: () => repo.firstWidgetKey(DEMO_TENANT.slug),

    /** Creates the tenant when missing, its directory, and `sessions` generated sessions. */
    async seed(options: SeedOptions): Promise<SeedResult> {
      const started = performance.now();
      const tenant =
        (await repo.findTenant(options.tenantSlug)) ??
        (await tenants.createTenant(options.tenantSlug, options.tenantSlug));
      await ensureDirectory(tenant.id, options.seed);
      const writer = sessionWriter(db, tenant.id);
      const generator = createGenerator({
        seed: options.seed,
        sessions: options.sessions,
        until: options.until,
        live: options.live ?? 0,
        externalIdPrefix: `${options.seed}-`,
      });
      const result: SeedResult = {
        tenantId: tenant.id,
        created: 0,
        updated: 0,
        unchanged: 0,
        activities: 0,
        seconds: { load: 0, indexes: 0, total: 0 },
      };
      const dropped = options.rebuildIndexes ? await repo.secondaryIndexes('sessions') : [];
      if (dropped.length) {
        options.log?.(
          `Dropping ${dropped.length} secondary indexes of sessions for the load; they are rebuilt at the end:\n` +
            dropped.map((index) => `  ${index.definition};`).join('\n'),
        );
        await repo.dropIndexes(dropped.map((index) => index.name));
      }
      try {
        const batchSize = options.batchSize ?? 1000;
        // Generate the next batch while the database writes the previous ones.
        let written = 0;
        const pipeline = batchPipeline(writer, (batch) => {
          if (batch.rejected.length) {
            const first = batch.rejected[0]!;
            throw new Error(`Generated session ${first.externalId} was refused: ${first.reason}`);
          }
          result.created += batch.created;
          result.updated += batch.updated;
          result.unchanged += batch.unchanged;
          result.activities += batch.activities;
          written += batch.created + batch.updated + batch.unchanged;
          options.progress?.(written, generator.total);
        });
        for (let from = 0; from < generator.total; from += batchSize) {
          const batch: PendingRecord[] = [];
          for (let i = from; i < Math.min(generator.total, from + batchSize); i++) {
            const record = generator.session(i);
            batch.push({ line: i + 1, record, hash: recordHash(record) });
            // Let the writer send its next statement: the database works while this batch is generated.
            if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
          }
          await pipeline.submit(batch);
        }
        await pipeline.drain();
        result.seconds.load = (performance.now() - started) / 1000;
      } finally {
        if (dropped.length) {
          const indexesStarted = performance.now();
          await repo.createIndexes(dropped.map((index) => index.definition));
          result.seconds.indexes = (performance.now() - indexesStarted) / 1000;
        }
      }
      if (options.sessions >= 100_000) await repo.vacuumAnalyze();
      result.seconds.total = (performance.now() - started) / 1000;
      return result;
    },

    counts(tenantId: string) {
      return repo.counts(tenantId);
    },
  };
}

export type DemoService = ReturnType<typeof demoService>;
