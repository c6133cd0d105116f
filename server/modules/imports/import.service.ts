import type { Database } from '../../db/database';
import { AppError } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { describeUnstorable, findUnstorableText } from '../../platform/unstorable-text';
import { recordAudit } from '../audit/audit.repository';
import { describeIssues, importRecordSchema, type ImportError, type ImportSummary } from './import.schemas';
import {
  batchPipeline,
  lineHash,
  sessionWriter,
  type BatchResult,
  type PendingRecord,
} from './import.writer';

export const IMPORT_LIMITS = {
  /** A longer line is rejected (by its number), not buffered. */
  maxLineBytes: 1024 * 1024,
  /** The largest body the HTTP route accepts. */
  maxBodyBytes: 2 * 1024 * 1024 * 1024,
  /** Rejected lines listed in the summary; the rest are counted. */
  maxListedErrors: 1000,
  /** Sessions per transaction. */
  batchSize: 500,
} as const;

export interface Line {
  line: number;
  /** The line's text, or null when it is longer than the limit. */
  text: string | null;
}

/**
 * Splits a byte stream into lines without holding more than one line (up to the limit) in memory.
 * Accepts LF and CRLF, drops a leading byte-order mark.
 */
export async function* readLines(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  limits: { maxLineBytes: number; maxTotalBytes: number },
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let line = 0;
  let total = 0;
  const finish = (): Line => {
    line++;
    let text: string | null = null;
    if (!tooLong) {
      text = Buffer.concat(parts, length).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    }
    parts = [];
    length = 0;
    tooLong = false;
    return { line, text };
  };
  const append = (piece: Buffer) => {
    if (tooLong || piece.length === 0) return;
    if (length + piece.length > limits.maxLineBytes) {
      tooLong = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    total += chunk.length;
    if (total > limits.maxTotalBytes) {
      throw new AppError(
        'payload_too_large',
        `The import is larger than ${limits.maxTotalBytes} bytes; the lines before line ${line + 1} were imported. Split the file.`,
        { importedLines: line },
      );
    }
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline === -1) {
        append(chunk.subarray(start));
        break;
      }
      append(chunk.subarray(start, newline));
      yield finish();
      start = newline + 1;
    }
  }
  if (length > 0 || tooLong) yield finish();
}

/** The JSON escapes that can spell U+0000 or a (possibly lone) surrogate: only such lines need the walk. */
const MAYBE_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])/;

interface ImportTarget {
  tenantId: string;
  actor: Pick<Principal, 'tenantId' | 'userId' | 'apiKeyId'>;
  ip?: string | null;
}

export function importService(db: Database) {
  return {
    /**
     * Imports an NDJSON stream into the caller's tenant: every good line is written (created, updated or
     * left unchanged), every bad line reported with its number and reason. Up to two batches are written
     * while the next one is parsed, so memory stays flat whatever the file size.
     */
    async importNdjson(
      target: ImportTarget,
      source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
      options: {
        maxBodyBytes?: number;
        batchSize?: number;
        /** Called for every rejected line as it is found (the summary lists only the first 1,000). */
        onRejected?: (error: ImportError) => void;
      } = {},
    ): Promise<ImportSummary> {
      const started = performance.now();
      const writer = sessionWriter(db, target.tenantId);
      const batchSize = options.batchSize ?? IMPORT_LIMITS.batchSize;
      const summary: ImportSummary = {
        lines: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        errors: [],
        moreErrors: 0,
        sessions: 0,
        activities: 0,
        seconds: 0,
      };
      const reject = (error: ImportError) => {
        summary.rejected++;
        options.onRejected?.(error);
        if (summary.errors.length < IMPORT_LIMITS.maxListedErrors) summary.errors.push(error);
        else summary.moreErrors++;
      };
      const absorb = (result: BatchResult) => {
        summary.created += result.created;
        summary.updated += result.updated;
        summary.unchanged += result.unchanged;
        summary.activities += result.activities;
        for (const error of result.rejected) reject(error);
      };

      let batch: PendingRecord[] = [];
      let inBatch = new Set<string>();
      const pipeline = batchPipeline(writer, absorb);
      const flush = async () => {
        const full = batch;
        batch = [];
        inBatch = new Set();
        await pipeline.submit(full);
      };

      try {
        for await (const { line, text } of readLines(source, {
          maxLineBytes: IMPORT_LIMITS.maxLineBytes,
          maxTotalBytes: options.maxBodyBytes ?? Number.POSITIVE_INFINITY,
        })) {
          if (text === null) {
            summary.lines++;
            reject({
              line,
              externalId: null,
              reason: `the line is longer than ${IMPORT_LIMITS.maxLineBytes} bytes`,
            });
            continue;
          }
          if (!text.trim()) continue;
          summary.lines++;
          let raw: unknown;
          try {
            raw = JSON.parse(text);
          } catch (error) {
            reject({
              line,
              externalId: null,
              reason: `not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
            });
            continue;
          }
          const externalId =
            raw && typeof raw === 'object' && 'externalId' in raw && typeof raw.externalId === 'string'
              ? raw.externalId
              : null;
          if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
            reject({ line, externalId, reason: 'must be a JSON object (one session per line)' });
            continue;
          }
          // U+0000 and lone surrogates cannot be stored as sent: the same rule as the HTTP input guard.
          const unstorable = MAYBE_UNSTORABLE.test(text) ? findUnstorableText(raw) : null;
          if (unstorable) {
            reject({
              line,
              externalId,
              reason: describeUnstorable(unstorable, unstorable.path || 'the line'),
            });
            continue;
          }
          const parsed = importRecordSchema.safeParse(raw);
          if (!parsed.success) {
            reject({ line, externalId, reason: describeIssues(parsed.error) });
            continue;
          }
          // A second line with the same externalId in one batch: write the first, then let this one update it.
          if (inBatch.has(parsed.data.externalId)) await flush();
          inBatch.add(parsed.data.externalId);
          // The line itself is hashed: an identical line is recognised as unchanged, cheaply.
          batch.push({ line, record: parsed.data, hash: lineHash(text) });
          if (batch.length >= batchSize) await flush();
        }
        await flush();
        await pipeline.drain();
      } catch (error) {
        // The body stopped early (the client went away, or the size limit): the complete lines already
        // read are still written, so what the summary and the audit log count is what is stored.
        await flush().catch(() => {});
        throw error;
      } finally {
        // Whatever stopped the read, a batch already handed to the database is finished and counted.
        await pipeline.drain().catch(() => {});
        // Refused-by-the-database lines arrive after later parse errors; list them in file order.
        summary.errors.sort((a, b) => a.line - b.line);
        summary.sessions = summary.created + summary.updated;
        summary.seconds = Math.round(performance.now() - started) / 1000;
        await recordAudit(db, target.actor, {
          action: 'import',
          objectType: 'import',
          data: { ...summary, errors: summary.errors.slice(0, 20) },
          ...(target.ip !== undefined ? { ip: target.ip } : {}),
        }).catch(() => {});
      }
      return summary;
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
