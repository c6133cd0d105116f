import { z } from 'zod';

/** Numeric ids travel as strings (bigint-safe). Anything else is a 400, never a database error. */
export const idSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'must be a numeric id');
export const idParams = z.object({ id: idSchema });

export const errorSchema = z
  .object({ code: z.string(), message: z.string() })
  .loose()
  .describe('Every error: a stable code and a sentence for people.');

/** Shared error responses, so the OpenAPI document lists them for every route. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  503: errorSchema.describe(
    'unavailable: the database cannot be reached; try again after Retry-After seconds',
  ),
} as const;

/** An ISO 8601 UTC date-time string in the document; a stored Date or string on the way out. */
const dateTimeString = z.string().meta({ format: 'date-time' });
export const isoDate = z
  .union([z.date(), z.string()])
  .transform((value) => new Date(value).toISOString())
  .pipe(dateTimeString);
export const isoDateOrNull = z
  .union([z.date(), z.string(), z.null()])
  .transform((value) => (value === null ? null : new Date(value).toISOString()))
  .pipe(dateTimeString.nullable());
