import { z } from 'zod';
import { exportFormats, exportJobStates } from '../../../common/domain';
import { isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { listQuerySchema } from '../sessions/session.schemas';
import { csvSeparators } from './csv-writer';
import { exportLanguages } from './export-labels';

/** Request and response shapes of the export API; they also generate its OpenAPI document. */

const separators = Object.keys(csvSeparators) as [
  keyof typeof csvSeparators,
  ...(keyof typeof csvSeparators)[],
];

const columnsParameter = z
  .union([z.string().max(20_000), z.array(z.string().max(20_000)).max(50)])
  .optional()
  .describe(
    'column ids in the order wanted, comma-separated (`\\,` for a comma inside an id) or as repeated ' +
      '`columns=` values taken whole; default: the default-visible columns',
  );

const exportOptions = {
  columns: columnsParameter,
  lang: z.enum(exportLanguages).default('cs').describe('language of headers and enumeration labels'),
  tz: z
    .string()
    .max(100)
    .optional()
    .describe(
      "time zone of the times (YYYY-MM-DD HH:MM:SS, which Excel reads as a date-time); default: the tenant's setting",
    ),
};

/** The list's parameters (filters, view, q, sort) plus the export options. */
export const csvQuerySchema = listQuerySchema.extend({
  ...exportOptions,
  separator: z
    .enum(separators)
    .optional()
    .describe(
      "semicolon (Excel with Czech regional settings) or comma (English settings); default: the tenant's setting",
    ),
  transcript: z.enum(['true', 'false']).default('false').describe('add a column with each transcript'),
});

export const htmlQuerySchema = listQuerySchema.extend(exportOptions);

export const createExportBodySchema = z.object({
  format: z.enum(exportFormats),
  query: z
    .string()
    .max(20_000)
    .default('')
    .describe(
      "the sessions list's query string (view, q, sort, filters), e.g. view=history&channel=whatsapp",
    ),
  columns: z.array(z.string().min(1).max(300)).min(1).max(200).optional(),
  lang: z.enum(exportLanguages).default('cs'),
  tz: z.string().max(100).optional().describe("default: the tenant's setting"),
  separator: z.enum(separators).optional().describe("default: the tenant's setting"),
  transcript: z.boolean().default(false),
});

export const exportJobSchema = z.object({
  id: z.string(),
  format: z.enum(exportFormats),
  state: z.enum(exportJobStates),
  progress: z.number().describe('sessions written so far'),
  total: z.number().nullable().describe('sessions to write, once counted'),
  columns: z.array(z.string()),
  fileName: z.string(),
  fileSize: z.number().nullable(),
  error: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDateOrNull,
  finishedAt: isoDateOrNull,
  expiresAt: isoDateOrNull,
  downloadUrl: z.string().nullable(),
});

export const exportJobListSchema = z.object({ items: z.array(exportJobSchema) });

export const exportJobListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
