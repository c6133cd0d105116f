import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_SORT } from '../../../common/columns';
import type { ExportFormat } from '../../../common/domain';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.repository';
import { parseContentQuery } from '../search/content-query';
import { parseFilters, type RawQuery } from '../sessions/session-filters';
import type { ListScope, ListSort } from '../sessions/session-sql';
import { sessionRepository } from '../sessions/session.repository';
import type { SessionVisibility } from '../sessions/session-visibility';
import { parseSort } from '../sessions/session.service';
import type { CsvSeparator } from './csv-writer';
import { defaultExportColumns, exportColumns, type ExportColumn } from './export-columns';
import type { ExportLanguage } from './export-labels';
import { renderExport } from './export-render';
import { exportRepository } from './export.repository';

/**
 * Exports of the sessions list: exactly the sessions the list shows for the same parameters (its
 * filter parser, content search, visibility rule and SQL conditions are used as they are), in the
 * list's order, with the chosen columns. Small exports stream straight into the response; large ones
 * run as background jobs that write a file under DATA_DIR/exports/<tenant>/.
 */

/** Above this many matching sessions an export runs in the background (POST /api/v1/exports). */
export const DIRECT_EXPORT_LIMIT = 10_000;
/** How long a finished background export can be downloaded. */
export const EXPORT_FILE_HOURS = 24;
const PROGRESS_EVERY_MS = 1_000;
/** A queued or running job not heard from for this long belongs to a process that is gone. */
const ABANDONED_AFTER_MINUTES = 15;
/**
 * A running job beats this often, whatever its progress; one silent for STALE_AFTER_SECONDS lost its
 * worker (kill -9, a crashed machine), and the runtime's sweep (every 15 s, and at start) fails it and
 * removes its partial file: never "running" for more than a minute after its worker died.
 */
const HEARTBEAT_EVERY_MS = 10_000;
export const STALE_AFTER_SECONDS = 45;

/** Parameters that are export options, not column filters (plus the list's own options). */
export const EXPORT_OPTIONS = new Set([
  'view',
  'q',
  'sort',
  'limit',
  'cursor',
  'columns',
  'lang',
  'tz',
  'separator',
  'transcript',
]);

export interface ExportRequest {
  format: ExportFormat;
  /** The list's query parameters: view, q, sort and column filters (anything else is a 400). */
  query: RawQuery;
  columns?: string[] | undefined;
  lang: ExportLanguage;
  timeZone: string;
  separator: CsvSeparator;
  /** CSV: add a transcript column (HTML always carries transcripts). */
  transcript: boolean;
}

export interface ExportPlan {
  request: ExportRequest;
  tenantId: string;
  scope: ListScope;
  sort: ListSort;
  columns: ExportColumn[];
  fileName: string;
}

/** Runs a queued background export somewhere (this process, or the database-backed job queue). */
export type ExportScheduler = (job: { tenantId: string; jobId: string }) => Promise<void>;

class ExportCanceled extends Error {}

function fileNameOf(format: ExportFormat, view: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `sessions-${view}-${stamp}.${format}`;
}

export function exportService(
  db: Database,
  options: { dataDir: string; schedule: ExportScheduler; visibility: SessionVisibility },
) {
  const repo = exportRepository(db);
  const sessions = sessionRepository(db);
  const exportsDir = path.join(options.dataDir, 'exports');

  /** Checks every parameter before a byte is written: a bad one is a 400, never a broken file. */
  async function prepare(
    principal: Pick<Principal, 'tenantId' | 'role' | 'userId'>,
    request: ExportRequest,
  ): Promise<ExportPlan> {
    const query = request.query;
    const view =
      query.view === undefined || query.view === 'history'
        ? 'history'
        : query.view === 'live'
          ? 'live'
          : undefined;
    if (!view) throw invalid('view: expected history or live.', { parameter: 'view' });
    const sortRaw = query.sort === undefined || query.sort === '' ? DEFAULT_SORT : query.sort;
    if (typeof sortRaw !== 'string') throw invalid('sort may be given only once.', { parameter: 'sort' });
    const sort = parseSort(sortRaw);
    const filters = parseFilters(query, EXPORT_OPTIONS);
    if (query.q !== undefined && typeof query.q !== 'string') {
      throw invalid('q may be given only once.', { parameter: 'q' });
    }
    const content = typeof query.q === 'string' ? parseContentQuery(query.q) : undefined;
    if (!(await repo.isValidTimeZone(request.timeZone))) {
      throw invalid(
        `tz: "${request.timeZone.slice(0, 60)}" is not a time zone such as Europe/Prague or UTC.`,
        {
          parameter: 'tz',
        },
      );
    }
    const columns = exportColumns(request.columns ?? defaultExportColumns(), request.timeZone);
    const scope: ListScope = {
      tenantId: principal.tenantId,
      view,
      filters,
      visibility: await options.visibility.of(principal),
      ...(content ? { search: content.parts } : {}),
    };
    return {
      request,
      tenantId: principal.tenantId,
      scope,
      sort,
      columns,
      fileName: fileNameOf(request.format, view, new Date()),
    };
  }

  async function audit(
    actor: Pick<Principal, 'tenantId' | 'userId' | 'apiKeyId'>,
    plan: ExportPlan,
    details: { count: number; completed: boolean; jobId?: string; ip?: string | null },
  ) {
    const { request } = plan;
    await recordAudit(db, actor, {
      action: 'sessions.export',
      objectType: details.jobId ? 'export_job' : 'sessions',
      ...(details.jobId ? { objectId: details.jobId } : {}),
      data: {
        format: request.format,
        filters: request.query,
        columns: plan.columns.map((column) => column.id),
        count: details.count,
        completed: details.completed,
        lang: request.lang,
        timeZone: request.timeZone,
        ...(request.format === 'csv' ? { separator: request.separator, transcript: request.transcript } : {}),
        background: details.jobId !== undefined,
      },
      ...(details.ip !== undefined ? { ip: details.ip } : {}),
    });
  }

  function canSee(principal: Principal, job: { requested_by: string | null }): boolean {
    if (principal.role === 'admin' || principal.role === 'supervisor') return true;
    return principal.userId !== null && job.requested_by === principal.userId;
  }

  async function requireJob(principal: Principal, jobId: string) {
    const job = await repo.findJob(principal.tenantId, jobId);
    if (!job || !canSee(principal, job)) throw notFound(`Export ${jobId}`);
    return job;
  }

  /** Where a job's file is written until it is complete. */
  const partialFileOf = (tenantId: string, jobId: string, format: ExportFormat) =>
    path.join(exportsDir, tenantId, `${jobId}.${format}.part`);

  const fileOf = (tenantId: string, relative: string) => {
    const full = path.resolve(exportsDir, relative);
    // Paths are ours, but never let one point outside the tenant's folder.
    if (!full.startsWith(path.join(exportsDir, tenantId) + path.sep)) throw notFound('Export file');
    return full;
  };

  async function removeExpired(tenantId: string) {
    await repo.failAbandoned(tenantId, ABANDONED_AFTER_MINUTES);
    for (const job of await repo.expiredJobs(tenantId, 50)) {
      if (job.file_path)
        await fs.promises.rm(fileOf(tenantId, job.file_path), { force: true }).catch(() => {});
      await repo.deleteJob(tenantId, job.id);
    }
  }

  /** Hands a background export to the job queue (pg-boss), which calls `runJob` on some instance. */
  const schedule: ExportScheduler = options.schedule;

  const service = {
    prepare,

    /**
     * A direct export: checks the size (more than DIRECT_EXPORT_LIMIT sessions → a 409 pointing to the
     * background export) and returns the file name and its chunks. The audit event is written when the
     * stream ends, with the count actually sent.
     */
    async direct(principal: Principal, request: ExportRequest, ip?: string | null) {
      const plan = await prepare(principal, request);
      const count = await sessions.countUpTo(plan.scope, DIRECT_EXPORT_LIMIT);
      if (count === undefined) {
        throw new AppError(
          'export.too_large',
          `More than ${DIRECT_EXPORT_LIMIT} sessions match; start a background export with POST /api/v1/exports.`,
          { limit: DIRECT_EXPORT_LIMIT },
        );
      }
      async function* body(): AsyncGenerator<string | Buffer> {
        let written = 0;
        let completed = false;
        try {
          const chunks = renderExport(db, plan, async (n) => {
            written = n;
          });
          for (;;) {
            const next = await chunks.next();
            if (next.done) {
              written = next.value;
              break;
            }
            yield next.value;
          }
          completed = true;
        } finally {
          await audit(principal, plan, {
            count: written,
            completed,
            ...(ip !== undefined ? { ip } : {}),
          }).catch(() => {});
        }
      }
      return { fileName: plan.fileName, format: request.format, body: body() };
    },

    /** Writes an export to a file (benchmarks, jobs); returns how many sessions it holds. */
    async writeFile(plan: ExportPlan, file: string, onBatch?: (written: number) => Promise<void>) {
      let count = 0;
      const chunks = renderExport(db, plan, onBatch);
      async function* collect() {
        for (;;) {
          const next = await chunks.next();
          if (next.done) {
            count = next.value;
            return;
          }
          yield next.value;
        }
      }
      await pipeline(Readable.from(collect()), fs.createWriteStream(file));
      return count;
    },

    async startJob(principal: Principal, request: ExportRequest) {
      // Its jobs are seen by the user who asked (or by managers); such a key could never see its own.
      if (principal.role === 'operator' && principal.userId === null) {
        throw forbidden('This API key acts for no user; an operator export needs a user.');
      }
      if (principal.role === 'media') throw forbidden('A media API key only sends recordings.');
      const plan = await prepare(principal, request);
      await removeExpired(principal.tenantId);
      const job = await repo.createJob({
        tenantId: principal.tenantId,
        requestedBy: principal.userId,
        requestedByApiKey: principal.apiKeyId,
        requestedRole: principal.role,
        format: request.format,
        params: {
          query: request.query,
          lang: request.lang,
          timeZone: request.timeZone,
          separator: request.separator,
          transcript: request.transcript,
        },
        columns: plan.columns.map((column) => column.id),
        fileName: plan.fileName,
      });
      await schedule({ tenantId: principal.tenantId, jobId: job.id });
      return job;
    },

    /** The job's work: stream the export into its file, reporting progress; stops when canceled. */
    async runJob(tenantId: string, jobId: string): Promise<void> {
      const job = await repo.claimJob(tenantId, jobId);
      if (!job) return;
      const params = job.params as {
        query: RawQuery;
        lang: ExportLanguage;
        timeZone: string;
        separator: CsvSeparator;
        transcript: boolean;
      };
      const actor = {
        tenantId,
        role: job.requested_role,
        userId: job.requested_by,
        apiKeyId: job.requested_by_api_key,
      };
      const relative = path.join(tenantId, `${jobId}.${job.format}`);
      const file = path.join(exportsDir, relative);
      const partial = partialFileOf(tenantId, jobId, job.format);
      let plan: ExportPlan | undefined;
      const heartbeat = setInterval(() => {
        void repo.touchJob(tenantId, jobId).catch(() => {});
      }, HEARTBEAT_EVERY_MS);
      heartbeat.unref();
      try {
        plan = await prepare(actor, {
          format: job.format,
          query: params.query,
          columns: job.columns,
          lang: params.lang,
          timeZone: params.timeZone,
          separator: params.separator,
          transcript: params.transcript,
        });
        const total = (await sessions.countUpTo(plan.scope, Number.MAX_SAFE_INTEGER - 1)) ?? 0;
        if ((await repo.reportProgress(tenantId, jobId, 0, total)) === 'canceled') throw new ExportCanceled();
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        let lastReport = Date.now();
        const count = await service.writeFile(plan, partial, async (written) => {
          if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
          lastReport = Date.now();
          if ((await repo.reportProgress(tenantId, jobId, written)) === 'canceled')
            throw new ExportCanceled();
        });
        await fs.promises.rename(partial, file);
        const size = (await fs.promises.stat(file)).size;
        const done = await repo.finishJob(tenantId, jobId, {
          state: 'done',
          progress: count,
          filePath: relative,
          fileSize: size,
          expiresAt: new Date(Date.now() + EXPORT_FILE_HOURS * 3600_000),
        });
        if (!done) await fs.promises.rm(file, { force: true });
        await audit(actor, plan, { count, completed: done !== undefined, jobId });
      } catch (error) {
        await fs.promises.rm(partial, { force: true }).catch(() => {});
        if (error instanceof ExportCanceled) {
          await repo.finishJob(tenantId, jobId, { state: 'canceled' });
          return;
        }
        const message = error instanceof AppError ? error.message : 'The export failed; try again.';
        await repo.finishJob(tenantId, jobId, { state: 'failed', error: message });
        if (!(error instanceof AppError)) throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },

    /**
     * Fails running jobs whose worker stopped beating (its process died) and removes their partial
     * files. `now` is the caller's clock (tests move it forward instead of waiting).
     */
    async failStaleJobs(now: Date = new Date()): Promise<number> {
      const stale = await repo.failStale(
        new Date(now.getTime() - STALE_AFTER_SECONDS * 1000),
        'The export stopped when the server running it stopped; start it again.',
      );
      for (const job of stale) {
        await fs.promises.rm(partialFileOf(job.tenant_id, job.id, job.format), { force: true });
      }
      return stale.length;
    },

    getJob: requireJob,

    async listJobs(principal: Principal, limit: number) {
      await removeExpired(principal.tenantId);
      const onlyOwn =
        principal.role === 'admin' || principal.role === 'supervisor' ? undefined : principal.userId;
      return repo.listJobs(principal.tenantId, onlyOwn, limit);
    },

    /** Cancels a queued or running job; a finished one is deleted with its file. */
    async cancelJob(principal: Principal, jobId: string) {
      const job = await requireJob(principal, jobId);
      if (job.state === 'queued' || job.state === 'running') {
        const canceled = await repo.cancelJob(principal.tenantId, jobId);
        if (canceled) {
          // The worker also removes it at its next progress report, unless it is gone.
          await fs.promises.rm(partialFileOf(principal.tenantId, jobId, job.format), { force: true });
          await recordAudit(db, principal, {
            action: 'sessions.export_cancel',
            objectType: 'export_job',
            objectId: jobId,
          });
          return { deleted: false };
        }
      }
      if (job.file_path) await fs.promises.rm(fileOf(principal.tenantId, job.file_path), { force: true });
      await repo.deleteJob(principal.tenantId, jobId);
      return { deleted: true };
    },

    /** The finished file of a job, for download. */
    async jobFile(principal: Principal, jobId: string) {
      const job = await requireJob(principal, jobId);
      if (job.state !== 'done' || !job.file_path) {
        throw new AppError(
          'export.not_ready',
          `Export ${jobId} is ${job.state}; download it once it is done.`,
          {
            state: job.state,
          },
        );
      }
      const file = fileOf(principal.tenantId, job.file_path);
      if (!fs.existsSync(file))
        throw new AppError('export.expired', `The file of export ${jobId} is no longer kept.`);
      await recordAudit(db, principal, {
        action: 'sessions.export_download',
        objectType: 'export_job',
        objectId: jobId,
      });
      return { file, fileName: job.file_name, format: job.format, size: Number(job.file_size ?? 0) };
    },
  };
  return service;
}

export type ExportService = ReturnType<typeof exportService>;
export type { ExportJob } from './export.repository';
