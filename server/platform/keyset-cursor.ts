import { invalid } from './errors';

/** A keyset position in a list ordered by a timestamp (as PostgreSQL prints it) and an id. */
export interface TimeIdKey {
  at: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::?\d{2}){0,2}$/;

/** The opaque `cursor` of the next page (the audit log, the Blacklist). */
export function encodeTimeIdCursor(key: TimeIdKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

/** A cursor from a previous page; anything else is a 400 naming `cursor`, never a database error. */
export function decodeTimeIdCursor(raw: string): TimeIdKey {
  const bad = () =>
    invalid('cursor: not a cursor from this list; start again without it.', { parameter: 'cursor' });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) throw bad();
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      TIMESTAMP.test(value[0]) &&
      typeof value[1] === 'string' &&
      /^[1-9]\d{0,17}$/.test(value[1])
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // falls through to the 400
  }
  throw bad();
}
