import type { Selectable } from 'kysely';
import type { ExportJobs } from '../../db/types.generated';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { ExportFormat } from '../../../common/domain';
import type { Role } from '../../../common/roles';
import type { Lookups } from './export-columns';

/** A background export as stored. */
export type ExportJob = Selectable<ExportJobs>;

/**
 * The SQL of exports: the matching sessions read through a server-side cursor (DECLARE … CURSOR /
 * FETCH inside one read-only transaction, so memory stays flat however many sessions match and the
 * export sees one consistent snapshot), the transcripts of each fetched batch, the names the cells
 * show, and the background jobs.
 */

export interface ExportedRow {
  /** Present when transcripts are exported. */
  __id: string;
  __client: string | null;
  [column: string]: unknown;
}

export interface ActivityRow {
  session_id: string;
  at: string;
  sender: string;
  type: string;
  text: string | null;
  user_id: string | null;
  chatbot_id: string | null;
  file_name: string | null;
  file_size: string | null;
  file_mime_type: string | null;
  system_code: string | null;
  system_data: unknown;
  delivery_state: string | null;
  delivery_reason: string | null;
}

const EXCEL_TIME = 'YYYY-MM-DD HH24:MI:SS';

export function exportRepository(db: Database) {
  return {
    /**
     * Rows of `SELECT <select> FROM sessions s WHERE <where> ORDER BY <orderBy>`, `batchSize` at a time.
     * Between batches the consumer may run its own queries on the same transaction (`onBatch` gets it).
     */
    async *streamSessions(
      query: { select: RawBuilder<unknown>; where: RawBuilder<unknown>; orderBy: RawBuilder<unknown> },
      batchSize: number,
    ): AsyncGenerator<{
      rows: ExportedRow[];
      activities: (ids: string[], tenantId: string, timeZone: string) => Promise<ActivityRow[]>;
    }> {
      const trx = await db
        .startTransaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute();
      try {
        // A long export is one long read; the pool's per-statement guard is for interactive queries.
        await sql`SET LOCAL statement_timeout = 0`.execute(trx);
        await sql`DECLARE export_rows NO SCROLL CURSOR FOR
          SELECT ${query.select} FROM sessions s WHERE ${query.where} ORDER BY ${query.orderBy}`.execute(trx);
        const activities = async (ids: string[], tenantId: string, timeZone: string) => {
          if (ids.length === 0) return [];
          const result = await sql<ActivityRow>`
            SELECT a.session_id, to_char(a.at AT TIME ZONE ${timeZone}::text, ${EXCEL_TIME}::text) AS at, a.sender, a.type,
                   a.text, a.user_id, a.chatbot_id, a.file_name, a.file_size, a.file_mime_type, a.system_code, a.system_data,
                   d.state AS delivery_state, d.reason AS delivery_reason
            FROM activities a
            LEFT JOIN channel_deliveries d ON d.tenant_id = a.tenant_id AND d.activity_id = a.id
            WHERE a.tenant_id = ${tenantId} AND a.session_id = ANY(${ids}::bigint[])
            ORDER BY a.session_id, a.at, a.id`.execute(trx);
          return result.rows;
        };
        const fetchBatch = () =>
          sql<ExportedRow>`FETCH FORWARD ${sql.raw(String(Math.trunc(batchSize)))} FROM export_rows`
            .execute(trx)
            .then((result) => result.rows);
        // The next batch is fetched while the consumer formats this one: PostgreSQL and Node work at once.
        let next = fetchBatch();
        for (;;) {
          const rows = await next;
          if (rows.length === 0) break;
          const last = rows.length < batchSize;
          if (!last) {
            next = fetchBatch();
            // Awaited on the next turn; a consumer that stops first must not leave it unhandled.
            next.catch(() => {});
          }
          yield { rows, activities };
          if (last) break;
        }
        await trx.commit().execute();
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => {});
        throw error;
      } finally {
        // A consumer that stopped early (client went away, job canceled) ends the transaction here.
        if (!trx.isCommitted && !trx.isRolledBack)
          await trx
            .rollback()
            .execute()
            .catch(() => {});
      }
    },

    /** Names of the tenant's users, groups, chatbots and widgets (small tables; read once per export). */
    async lookups(tenantId: string): Promise<Lookups> {
      const [users, groups, chatbots, widgets] = await Promise.all([
        db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
        db.selectFrom('operator_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
        db.selectFrom('chatbots').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
        db.selectFrom('widgets').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
      ]);
      const map = (rows: { id: string; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
      return { users: map(users), groups: map(groups), chatbots: map(chatbots), widgets: map(widgets) };
    },

    async isValidTimeZone(name: string): Promise<boolean> {
      const result = await sql<{ ok: boolean }>`
        SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ${name}) AS ok`.execute(db);
      return result.rows[0]?.ok ?? false;
    },

    async createJob(values: {
      tenantId: string;
      requestedBy: string | null;
      requestedByApiKey: string | null;
      requestedRole: Role;
      format: ExportFormat;
      params: Record<string, unknown>;
      columns: string[];
      fileName: string;
    }) {
      return db
        .insertInto('export_jobs')
        .values({
          tenant_id: values.tenantId,
          requested_by: values.requestedBy,
          requested_by_api_key: values.requestedByApiKey,
          requested_role: values.requestedRole,
          format: values.format,
          params: JSON.stringify(values.params),
          columns: values.columns,
          file_name: values.fileName,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findJob(tenantId: string, jobId: string) {
      return db
        .selectFrom('export_jobs')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', jobId)
        .executeTakeFirst();
    },

    /** Recent jobs of the tenant, or of one requester. */
    listJobs(tenantId: string, requestedBy: string | null | undefined, limit: number) {
      let query = db
        .selectFrom('export_jobs')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (requestedBy !== undefined) {
        query =
          requestedBy === null
            ? query.where(sql<boolean>`false`)
            : query.where('requested_by', '=', requestedBy);
      }
      return query.execute();
    },

    /** queued → running, once; undefined when another worker has it or it was canceled. */
    claimJob(tenantId: string, jobId: string) {
      return db
        .updateTable('export_jobs')
        .set({ state: 'running', started_at: sql`now()`, heartbeat_at: sql`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', jobId)
        .where('state', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
    },

    /** Records progress; returns the job's state, so the worker notices a cancel. */
    async reportProgress(tenantId: string, jobId: string, progress: number, total?: number) {
      const row = await db
        .updateTable('export_jobs')
        .set({
          progress: String(progress),
          heartbeat_at: sql`now()`,
          ...(total !== undefined ? { total: String(total) } : {}),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', jobId)
        .returning('state')
        .executeTakeFirst();
      return row?.state;
    },

    finishJob(
      tenantId: string,
      jobId: string,
      outcome:
        | { state: 'done'; progress: number; filePath: string; fileSize: number; expiresAt: Date }
        | { state: 'failed'; error: string }
        | { state: 'canceled' },
    ) {
      return (
        db
          .updateTable('export_jobs')
          .set({
            state: outcome.state,
            finished_at: sql`now()`,
            ...(outcome.state === 'done'
              ? {
                  progress: String(outcome.progress),
                  file_path: outcome.filePath,
                  file_size: String(outcome.fileSize),
                  expires_at: outcome.expiresAt,
                }
              : {}),
            ...(outcome.state === 'failed' ? { error: outcome.error } : {}),
          })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', jobId)
          // A canceled job stays canceled even when the worker finishes its last batch.
          .where('state', 'in', outcome.state === 'canceled' ? ['queued', 'running'] : ['running'])
          .returningAll()
          .executeTakeFirst()
      );
    },

    cancelJob(tenantId: string, jobId: string) {
      return db
        .updateTable('export_jobs')
        .set({ state: 'canceled', finished_at: sql`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', jobId)
        .where('state', 'in', ['queued', 'running'])
        .returningAll()
        .executeTakeFirst();
    },

    deleteJob(tenantId: string, jobId: string) {
      return db.deleteFrom('export_jobs').where('tenant_id', '=', tenantId).where('id', '=', jobId).execute();
    },

    /** The worker is alive: a running job's heartbeat, also between progress reports. */
    touchJob(tenantId: string, jobId: string) {
      return db
        .updateTable('export_jobs')
        .set({ heartbeat_at: sql`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', jobId)
        .where('state', '=', 'running')
        .execute();
    },

    /**
     * Running jobs (of every tenant: a system sweep) whose worker has not been heard from since
     * `heartbeatBefore`: its process died. They are failed and returned, so their partial files can go.
     */
    failStale(heartbeatBefore: Date, error: string) {
      return db
        .updateTable('export_jobs')
        .set({ state: 'failed', finished_at: sql`now()`, error })
        .where('state', '=', 'running')
        .where('heartbeat_at', '<', heartbeatBefore)
        .returning(['tenant_id', 'id', 'format'])
        .execute();
    },

    /** Jobs of the tenant nobody has worked on for `minutes` (their process died): failed, so they can be retried. */
    failAbandoned(tenantId: string, minutes: number) {
      return db
        .updateTable('export_jobs')
        .set({
          state: 'failed',
          finished_at: sql`now()`,
          error: 'The export was interrupted (the server restarted); start it again.',
        })
        .where('tenant_id', '=', tenantId)
        .where('state', 'in', ['queued', 'running'])
        .where('heartbeat_at', '<', sql<Date>`now() - make_interval(mins => ${minutes})`)
        .execute();
    },

    /** Finished jobs of the tenant whose file has expired. */
    expiredJobs(tenantId: string, limit: number) {
      return db
        .selectFrom('export_jobs')
        .select(['id', 'file_path'])
        .where('tenant_id', '=', tenantId)
        .where('state', '=', 'done')
        .where('expires_at', '<', sql<Date>`now()`)
        .limit(limit)
        .execute();
    },
  };
}

export type ExportRepository = ReturnType<typeof exportRepository>;
