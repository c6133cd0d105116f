import { createHash } from 'node:crypto';
import { z } from 'zod';
import { invalid } from '../../platform/errors';
import type { ValueType } from './session-columns';
import { isValidTimestamp } from './session-filters';
import type { ListScope } from './session-sql';

/**
 * The keyset cursor: where the previous page ended, as (sort, sort value, id), base64url-encoded JSON.
 * Opaque to clients; validated on the way in (a tampered or foreign cursor is a 400, never a database
 * error): it must decode, belong to the same sort, and carry values of the sort column's type.
 */

const cursorSchema = z.object({
  s: z.string().max(300),
  v: z.string().max(2000).nullable(),
  id: z.string().regex(/^[1-9]\d{0,17}$/),
  /**
   * The first page's total, carried so that later pages of the same list count nothing: `t` the
   * total, `e` whether it was an estimate, `f` the fingerprint of the list it counted (tenant, view,
   * filters, search, visibility). A cursor whose fingerprint differs counts again.
   */
  t: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  e: z.boolean().optional(),
  f: z.string().max(40).optional(),
});

export type Cursor = z.infer<typeof cursorSchema>;

const patterns: Record<ValueType, RegExp> = {
  text: /^[\s\S]*$/,
  bigint: /^-?\d{1,19}$/,
  int: /^-?\d{1,10}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-](?:0\d|1[0-5])(?::?[0-5]\d)?)$/,
  boolean: /^(?:true|false)$/,
};

/** Which list a cursor's carried total counted: the same scope gives the same fingerprint. */
export function listFingerprint(scope: ListScope): string {
  return createHash('sha256').update(JSON.stringify(scope)).digest('base64url').slice(0, 22);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, sort: string, valueType: ValueType): Cursor {
  const bad = () =>
    invalid('cursor: not a cursor from this list; start again without it.', { parameter: 'cursor' });
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(raw)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.s !== sort) throw bad();
  const { v } = result.data;
  if (v !== null && !patterns[valueType].test(v)) throw bad();
  if (valueType === 'timestamptz' && v !== null && !isValidTimestamp(v)) throw bad();
  return result.data;
}
