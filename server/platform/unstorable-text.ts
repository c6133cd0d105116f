/**
 * Text PostgreSQL cannot store as it was sent: U+0000, which `text` refuses (a 500 when it reaches a
 * query), and lone UTF-16 surrogates, which become U+FFFD on the way to UTF-8, so two different values
 * are stored as the same one (and collide on unique keys). One rule for every way text comes in: the
 * HTTP input guard (bodies, query strings, path parameters) and the NDJSON import refuse such text and
 * name the field.
 */
export type TextProblem = 'nul' | 'lone_surrogate';

export interface UnstorableText {
  /** Where it is, as `activities[2].text` or `params.vip`; '' for the value itself. */
  path: string;
  problem: TextProblem;
}

function problemOf(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  return text.isWellFormed() ? null : 'lone_surrogate';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shown in a path: the offending characters as escapes (the message itself may be stored, e.g. audit). */
function shown(key: string): string {
  return key
    .replaceAll('\u0000', '\\u0000')
    .replace(LONE_SURROGATE, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
}

/**
 * Data to walk: parsed JSON and query objects (the query parser's have a prototype of their own), never
 * streams, buffers or dates.
 */
function isWalkable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  if (ArrayBuffer.isView(value) || value instanceof Date) return false;
  return typeof (value as { pipe?: unknown }).pipe !== 'function';
}

/** The first key or string holding U+0000 or a lone surrogate, or null when there is none. */
export function findUnstorableText(value: unknown, path = ''): UnstorableText | null {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isWalkable(value)) {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${shown(key)}` : shown(key);
      const problem = problemOf(key);
      if (problem) return { path: at, problem };
      const found = findUnstorableText(item, at);
      if (found) return found;
    }
  }
  return null;
}

/** "text contains the character U+0000, which cannot be stored" */
export function describeUnstorable(found: UnstorableText, subject = found.path || 'the value'): string {
  return found.problem === 'nul'
    ? `${subject} contains the character U+0000, which cannot be stored`
    : `${subject} contains a lone UTF-16 surrogate (not well-formed Unicode), which cannot be stored`;
}
