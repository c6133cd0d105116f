import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ANY_ROLE } from '../../platform/auth/principal';
import { invalid } from '../../platform/errors';
import { describeUnstorable, findUnstorableText } from '../../platform/unstorable-text';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas';
import type { RawQuery } from '../sessions/session-filters';
import type { Services } from '../../services';
import { EXPORT_OPTIONS, type ExportRequest } from './export.service';
import {
  createExportBodySchema,
  csvQuerySchema,
  exportJobListQuerySchema,
  exportJobListSchema,
  exportJobSchema,
  htmlQuerySchema,
} from './export.schemas';
import type { ExportJob } from './export.service';

const contentTypes = { csv: 'text/csv; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

/** The list's own parameters (filters, view, q, sort) out of an export request's query. */
function listQuery(query: Record<string, unknown>): RawQuery {
  const options = new Set([...EXPORT_OPTIONS].filter((name) => !['view', 'q', 'sort'].includes(name)));
  return Object.fromEntries(
    Object.entries(query).filter(([name, value]) => !options.has(name) && value !== undefined),
  );
}

/**
 * Column ids from `columns=`: a single value is a comma-separated list in which `\,` stands for a comma
 * inside an id (`param.a\,b`) and `\\` for a backslash; repeated `columns=` values are taken whole,
 * one id each, so any parameter name can be named.
 */
function columnList(raw: string | string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = Array.isArray(raw) ? raw : splitEscaped(raw);
  return ids.map((id) => id.trim()).filter(Boolean);
}

function splitEscaped(text: string): string[] {
  const ids: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) current += text[++i];
    else if (char === ',') {
      ids.push(current);
      current = '';
    } else current += char;
  }
  ids.push(current);
  return ids;
}

/** A query string as the list parses it: repeated names become arrays. */
function parseQueryString(text: string): RawQuery {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text.startsWith('?') ? text.slice(1) : text)) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
  }
  // The query arrives inside the JSON body, so the input guard saw it still percent-encoded.
  const unstorable = findUnstorableText(query);
  if (unstorable) {
    const parameter = `query.${unstorable.path}`;
    throw invalid(describeUnstorable(unstorable, parameter), { parameter });
  }
  return query;
}

function attachment(reply: FastifyReply, fileName: string, format: 'csv' | 'html'): FastifyReply {
  return (
    reply
      .type(contentTypes[format])
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      // Opened from our origin by mistake, the file still runs nothing and reaches nothing.
      .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'")
  );
}

function presentJob(job: ExportJob) {
  return {
    id: job.id,
    format: job.format,
    state: job.state,
    progress: Number(job.progress),
    total: job.total === null ? null : Number(job.total),
    columns: job.columns,
    fileName: job.file_name,
    fileSize: job.file_size === null ? null : Number(job.file_size),
    error: job.error,
    requestedBy: job.requested_by,
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
    expiresAt: job.expires_at,
    downloadUrl: job.state === 'done' ? `/api/v1/exports/${job.id}/file` : null,
  };
}

const fileResponses = {
  ...errorResponses,
  409: errorSchema.describe(
    'export.too_large: more sessions than a direct export carries; use POST /api/v1/exports',
  ),
};

export function exportRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/export.csv',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['exports'],
        summary: 'The filtered sessions as CSV for Excel (UTF-8 with BOM, CRLF, ";" by default)',
        description:
          'Exactly the sessions GET /api/v1/sessions lists for the same parameters, in its order, with the chosen ' +
          'columns. Times are YYYY-MM-DD HH:MM:SS in `tz` (default: the tenant time zone setting, Europe/Prague unless changed), durations whole seconds. Cells ' +
          'longer than 32,000 characters are cut with a visible marker; text starting with = + - @ tab or CR gets ' +
          "a leading ' so it never runs as a formula. Up to 10,000 sessions; more → 409, use POST /api/v1/exports.",
        querystring: csvQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('the CSV file'), ...fileResponses },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const defaults = await services.settings.get(principalOf(request).tenantId);
      const exportRequest: ExportRequest = {
        format: 'csv',
        query: listQuery(query),
        columns: columnList(query.columns),
        lang: query.lang,
        timeZone: query.tz ?? defaults.timeZone,
        separator: query.separator ?? defaults.exportSeparator,
        transcript: query.transcript === 'true',
      };
      const result = await services.exports.direct(principalOf(request), exportRequest, request.ip);
      return attachment(reply, result.fileName, 'csv').send(Readable.from(result.body));
    },
  );

  app.get(
    '/api/v1/sessions/export.html',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['exports'],
        summary: 'The filtered sessions and their transcripts as one self-contained, searchable HTML file',
        description:
          'The same sessions as the list for the same parameters, with the chosen columns and each full transcript; ' +
          'works offline, makes no requests, finds text without diacritics. Up to 10,000 sessions; more → 409.',
        querystring: htmlQuerySchema,
        produces: ['text/html'],
        response: { 200: z.string().describe('the HTML file'), ...fileResponses },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const defaults = await services.settings.get(principalOf(request).tenantId);
      const exportRequest: ExportRequest = {
        format: 'html',
        query: listQuery(query),
        columns: columnList(query.columns),
        lang: query.lang,
        timeZone: query.tz ?? defaults.timeZone,
        separator: 'semicolon',
        transcript: true,
      };
      const result = await services.exports.direct(principalOf(request), exportRequest, request.ip);
      return attachment(reply, result.fileName, 'html').send(Readable.from(result.body));
    },
  );

  app.post(
    '/api/v1/exports',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['exports'],
        summary: 'Start a background export of the filtered sessions (any size)',
        body: createExportBodySchema,
        response: { 202: exportJobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const defaults = await services.settings.get(principalOf(request).tenantId);
      const job = await services.exports.startJob(principalOf(request), {
        format: body.format,
        query: parseQueryString(body.query),
        columns: body.columns,
        lang: body.lang,
        timeZone: body.tz ?? defaults.timeZone,
        separator: body.separator ?? defaults.exportSeparator,
        transcript: body.format === 'html' || body.transcript,
      });
      return reply.status(202).send(presentJob(job));
    },
  );

  app.get(
    '/api/v1/exports',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['exports'],
        summary: "Recent background exports: your own, or the whole tenant's for admins and supervisors",
        querystring: exportJobListQuerySchema,
        response: { 200: exportJobListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const jobs = await services.exports.listJobs(principalOf(request), request.query.limit);
      return { items: jobs.map(presentJob) };
    },
  );

  app.get(
    '/api/v1/exports/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['exports'],
        summary: 'A background export: state and progress',
        params: idParams,
        response: { 200: exportJobSchema, ...errorResponses },
      },
    },
    async (request) => presentJob(await services.exports.getJob(principalOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/exports/:id/file',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['exports'],
        summary: 'Download the file of a finished background export',
        params: idParams,
        produces: ['text/csv', 'text/html'],
        response: {
          200: z.string().describe('the file'),
          ...errorResponses,
          409: errorSchema.describe('export.not_ready'),
          410: errorSchema.describe('export.expired'),
        },
      },
    },
    async (request, reply) => {
      const found = await services.exports.jobFile(principalOf(request), request.params.id);
      return attachment(reply, found.fileName, found.format)
        .header('content-length', String(found.size))
        .send(fs.createReadStream(found.file));
    },
  );

  app.delete(
    '/api/v1/exports/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['exports'],
        summary: 'Cancel a queued or running export; delete a finished one and its file',
        params: idParams,
        response: { 200: z.object({ id: z.string(), deleted: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const result = await services.exports.cancelJob(principalOf(request), request.params.id);
      return { id: request.params.id, ...result };
    },
  );
}
