import { z } from 'zod';
import { invalid } from '../../platform/errors';
import type { ValueType } from './session-columns';
import { isValidTimestamp } from './session-filters';

/**
 * The keyset cursor: where the previous page ended, as (sort, sort value, id), base64url-encoded JSON.
 * Opaque to clients; validated on the way in (a tampered or foreign cursor is a 400, never a database
 * error): it must decode, belong to the same sort, and carry values of the sort column's type.
 */

const cursorSchema = z.object({
  s: z.string().max(300),
  v: z.string().max(2000).nullable(),
  id: z.string().regex(/^[1-9]\d{0,17}$/),
});

export type Cursor = z.infer<typeof cursorSchema>;

const patterns: Record<ValueType, RegExp> = {
  text: /^[\s\S]*$/,
  bigint: /^-?\d{1,19}$/,
  int: /^-?\d{1,10}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-](?:0\d|1[0-5])(?::?[0-5]\d)?)$/,
  boolean: /^(?:true|false)$/,
};

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
