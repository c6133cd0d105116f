import { StringDecoder } from 'node:string_decoder';
import { sql } from 'kysely';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../db/database';
import { withConnection } from '../../db/connection';
import type { Log } from '../../platform/log';
import type { Filter } from './session-filters';

/**
 * The facet index: each large tenant's sessions in this process's memory, one typed array per
 * filterable column, so a filter list (or a total) under any combination of value and range filters is
 * counted exactly in a few milliseconds instead of a scan of a million rows in PostgreSQL (1.4–2 s).
 *
 * Exact, not eventually: before every count the index reads what changed since it last looked. Every
 * write to `sessions` stamps the row with its transaction's id (`change_xid`, migration 0015); the index
 * remembers the oldest transaction still running when it read (`pg_snapshot_xmin`) and next asks for
 * `change_xid >=` that, so a change committed after a read is never missed (ARCHITECTURE.md, "Facet
 * index"). Sessions are never deleted but with their tenant.
 *
 * What it cannot serve — content search, text and parameter filters, a caller who sees only some
 * sessions, a tenant not loaded yet — it says so (undefined) and the caller counts in SQL. A tenant is
 * loaded in the background (COPY, ~60 bytes per session) once it has `minSessions`; the least recently
 * used tenants are dropped when the process holds more than `maxSessions`.
 */

export interface FactsOptions {
  log: Log;
  /** Tenants with fewer sessions are counted in SQL (fast enough, no memory spent). */
  minSessions?: number;
  /** At most this many sessions in memory over all tenants. */
  maxSessions?: number;
  /** A read of changes larger than this reloads the tenant instead (a bulk import). */
  maxChanges?: number;
}

const SIZE_CHECK_MS = 60_000;

export const FACTS_DEFAULTS = { minSessions: 20_000, maxSessions: 4_000_000, maxChanges: 50_000 };

/** Who asks: when their request arrived (performance.now()), and the tenant's size if not loaded. */
export interface FactsAsk {
  asOf: number;
  /** An estimate of the tenant's History sessions, asked only when the tenant is not loaded. */
  size: () => Promise<number>;
}

/** A counted value of a facet: the value as text, null for "empty". */
export interface FactCount {
  value: string | null;
  count: number;
}

type DictColumn = { kind: 'dict'; id: string; select: string; text: boolean };
type MultiColumn = { kind: 'multi'; id: string; select: string; text: boolean; json: boolean };
type NumberColumn = { kind: 'number'; id: string; select: string; time: boolean };
type ColumnSpec = DictColumn | MultiColumn | NumberColumn;

const µs = (column: string) => `(extract(epoch FROM s.${column}) * 1000000)::bigint::text`;

/** The columns kept, by catalogue id, with the SQL that reads each as text (the same for load and changes). */
const SPECS: readonly ColumnSpec[] = [
  { kind: 'dict', id: 'status', select: 's.status', text: true },
  { kind: 'dict', id: 'channel', select: 's.channel', text: true },
  { kind: 'dict', id: 'source', select: 's.source', text: true },
  { kind: 'dict', id: 'group', select: 's.group_id::text', text: false },
  { kind: 'dict', id: 'chatbot', select: 's.chatbot_id::text', text: false },
  { kind: 'dict', id: 'endReason', select: 's.end_reason', text: true },
  { kind: 'dict', id: 'clientLeft', select: 's.client_left', text: true },
  { kind: 'dict', id: 'widget', select: 's.widget_id::text', text: false },
  { kind: 'dict', id: 'language', select: 's.client_language', text: true },
  { kind: 'dict', id: 'browser', select: 's.client_browser', text: true },
  { kind: 'dict', id: 'os', select: 's.client_os', text: true },
  { kind: 'dict', id: 'hasRecording', select: 's.has_recording::text', text: false },
  { kind: 'dict', id: 'banned', select: 's.banned::text', text: false },
  { kind: 'multi', id: 'operator', select: "array_to_string(s.operator_ids, ',')", text: false, json: false },
  { kind: 'multi', id: 'tags', select: 'array_to_json(s.tags)::text', text: true, json: true },
  { kind: 'number', id: 'createdAt', select: µs('created_at'), time: true },
  { kind: 'number', id: 'acceptedAt', select: µs('accepted_at'), time: true },
  { kind: 'number', id: 'endedAt', select: µs('ended_at'), time: true },
  { kind: 'number', id: 'waitingTime', select: 's.waiting_seconds::text', time: false },
  { kind: 'number', id: 'duration', select: 's.duration_seconds::text', time: false },
  { kind: 'number', id: 'rating', select: 's.rating::text', time: false },
  { kind: 'number', id: 'messageCount', select: 's.message_count::text', time: false },
];

const SELECT_LIST = ['s.id::text', ...SPECS.map((spec) => spec.select)].join(', ');
const specById = new Map(SPECS.map((spec, index) => [spec.id, { spec, index }]));

/** Whether the index keeps this column (its value filters, range filters and facets). */
export function factsKeep(columnId: string): boolean {
  return specById.has(columnId);
}

/** Codes of a dictionary: 0 is NULL; a value's code is its position in `values` plus one. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      this.values.push(value);
      code = this.values.length;
      this.codes.set(value, code);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }

  valueOf(code: number): string | null {
    return code === 0 ? null : this.values[code - 1]!;
  }
}

type Codes = Uint16Array | Uint32Array;

function grown<T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

class DictStore {
  readonly dict = new Dictionary();
  codes: Codes;
  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
  }
  set(row: number, value: string | null): void {
    const code = this.dict.code(value);
    if (code > 0xffff && this.codes instanceof Uint16Array) this.codes = Uint32Array.from(this.codes);
    this.codes[row] = code;
  }
  grow(capacity: number): void {
    this.codes = grown(this.codes, capacity);
  }
}

/** Up to two values per row in place; rows with more keep all of theirs in `more`. */
class MultiStore {
  readonly dict = new Dictionary();
  lengths: Uint8Array;
  first: Uint32Array;
  second: Uint32Array;
  readonly more = new Map<number, number[]>();
  constructor(capacity: number) {
    this.lengths = new Uint8Array(capacity);
    this.first = new Uint32Array(capacity);
    this.second = new Uint32Array(capacity);
  }
  set(row: number, values: (string | null)[]): void {
    const codes = values.map((value) => this.dict.code(value));
    this.lengths[row] = Math.min(codes.length, 255);
    this.first[row] = codes[0] ?? 0;
    this.second[row] = codes[1] ?? 0;
    if (codes.length > 2) this.more.set(row, codes);
    else this.more.delete(row);
  }
  /** Calls `each` with every code of the row (NULL elements as 0). */
  forEach(row: number, each: (code: number) => void): void {
    const length = this.lengths[row]!;
    if (length === 0) return;
    if (length > 2) {
      for (const code of this.more.get(row)!) each(code);
      return;
    }
    each(this.first[row]!);
    if (length === 2) each(this.second[row]!);
  }
  grow(capacity: number): void {
    this.lengths = grown(this.lengths, capacity);
    this.first = grown(this.first, capacity);
    this.second = grown(this.second, capacity);
  }
}

class NumberStore {
  values: Float64Array;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  set(row: number, value: string | null): void {
    this.values[row] = value === null ? Number.NaN : Number(value);
  }
  grow(capacity: number): void {
    this.values = grown(this.values, capacity);
  }
}

type Store = DictStore | MultiStore | NumberStore;

/** Turns COPY's text-format escapes back into characters. */
function unescapeCopy(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, char: string) => {
    switch (char) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      default:
        return char;
    }
  });
}

/** One tenant's sessions. */
class TenantFacts {
  size = 0;
  private capacity: number;
  private ids: Float64Array;
  /** ids[0..sortedUntil) ascend; later rows (ids that arrived out of order) are found through `late`. */
  private sortedUntil = 0;
  private readonly late = new Map<number, number>();
  readonly stores: Store[];
  /** Changes are read from this transaction id on. */
  since = '0';

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.ids = new Float64Array(capacity);
    this.stores = SPECS.map((spec) =>
      spec.kind === 'dict'
        ? new DictStore(capacity)
        : spec.kind === 'multi'
          ? new MultiStore(capacity)
          : new NumberStore(capacity),
    );
  }

  private rowOf(id: number): number | undefined {
    let low = 0;
    let high = this.sortedUntil - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.ids[middle]!;
      if (at === id) return middle;
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return this.late.get(id);
  }

  /** Writes one session, read as text in SELECT_LIST's order (id first). */
  put(fields: readonly (string | null)[]): void {
    const id = Number(fields[0]);
    let row = this.rowOf(id);
    if (row === undefined) {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      row = this.size++;
      this.ids[row] = id;
      if (this.sortedUntil === row && (row === 0 || this.ids[row - 1]! < id)) this.sortedUntil++;
      else this.late.set(id, row);
    }
    for (let i = 0; i < SPECS.length; i++) {
      const spec = SPECS[i]!;
      const value = fields[i + 1] ?? null;
      const store = this.stores[i]!;
      if (spec.kind === 'multi') {
        const values: (string | null)[] =
          value === null || value === ''
            ? []
            : spec.json
              ? (JSON.parse(value) as (string | null)[])
              : value.split(',');
        (store as MultiStore).set(row, values);
      } else {
        (store as DictStore | NumberStore).set(row, value);
      }
    }
  }

  private grow(capacity: number): void {
    this.capacity = capacity;
    this.ids = grown(this.ids, capacity);
    for (const store of this.stores) store.grow(capacity);
  }

  /** Rows in the view that pass every filter (1) or not (0). */
  match(filters: readonly CompiledFilter[]): Uint8Array {
    const matched = new Uint8Array(this.size);
    const status = this.stores[specById.get('status')!.index] as DictStore;
    const closed = status.dict.find('closed');
    if (closed === undefined) return matched;
    const codes = status.codes;
    for (let row = 0; row < this.size; row++) matched[row] = codes[row] === closed ? 1 : 0;
    for (const filter of filters) filter(this, matched);
    return matched;
  }

  /** Session ids of rows. */
  idsOf(rows: readonly number[]): string[] {
    return rows.map((row) => String(this.ids[row]));
  }

  /** The sort key of every row of a kept column: its number, or the rank of its value (NaN: none). */
  sortKeys(index: number, ranks?: Float64Array): Float64Array {
    const store = this.stores[index]!;
    if (store instanceof NumberStore) return store.values;
    const keys = new Float64Array(this.size);
    if (store instanceof DictStore) {
      const codes = store.codes;
      for (let row = 0; row < this.size; row++) keys[row] = ranks![codes[row]!]!;
    } else {
      for (let row = 0; row < this.size; row++)
        keys[row] = store.lengths[row] === 0 ? Number.NaN : ranks![store.first[row]!]!;
    }
    return keys;
  }

  top(
    keys: Float64Array,
    matched: Uint8Array,
    desc: boolean,
    limit: number,
    after?: { key: number; id: number },
  ) {
    return topRows(keys, this.ids, matched, desc, limit, after);
  }

  count(matched: Uint8Array): number {
    let total = 0;
    for (let row = 0; row < this.size; row++) total += matched[row]!;
    return total;
  }

  /** Counts per value of a kept column among matched rows, as the SQL facet does ('' counts as empty). */
  facet(columnId: string, matched: Uint8Array): FactCount[] {
    const { spec, index } = specById.get(columnId)!;
    if (spec.kind === 'number') throw new Error(`${columnId} has no facet`);
    const store = this.stores[index] as DictStore | MultiStore;
    const counts = new Float64Array(store.dict.values.length + 1);
    if (store instanceof DictStore) {
      const codes = store.codes;
      for (let row = 0; row < this.size; row++) if (matched[row]) counts[codes[row]!]!++;
    } else {
      const bump = (code: number) => counts[code]!++;
      for (let row = 0; row < this.size; row++) {
        if (!matched[row]) continue;
        if (store.lengths[row] === 0) counts[0]!++;
        else store.forEach(row, bump);
      }
    }
    if (spec.text) {
      const blank = store.dict.find('');
      if (blank !== undefined) {
        counts[0]! += counts[blank]!;
        counts[blank] = 0;
      }
    }
    const result: FactCount[] = [];
    for (let code = 0; code < counts.length; code++) {
      if (counts[code]! > 0) result.push({ value: store.dict.valueOf(code), count: counts[code]! });
    }
    return result;
  }
}

/**
 * The rows of the first `limit` matched sessions in the list's order, after the keyset position:
 * (key, id) ascending or descending, sessions without a key (NaN) last, by id in the same direction —
 * what `ORDER BY key [DESC] NULLS LAST, id [DESC]` gives. A bounded heap keeps the best `limit`.
 */
function topRows(
  keys: Float64Array,
  ids: Float64Array,
  matched: Uint8Array,
  desc: boolean,
  limit: number,
  after: { key: number; id: number } | undefined,
): number[] {
  const sortsBefore = (keyA: number, idA: number, keyB: number, idB: number): boolean => {
    const noA = Number.isNaN(keyA);
    const noB = Number.isNaN(keyB);
    if (noA !== noB) return noB;
    if (!noA && keyA !== keyB) return desc ? keyA > keyB : keyA < keyB;
    return desc ? idA > idB : idA < idB;
  };
  const before = (a: number, b: number) => sortsBefore(keys[a]!, ids[a]!, keys[b]!, ids[b]!);
  // A max-heap in the list's order: the row that sorts last is on top, replaced by anything better.
  const heap: number[] = [];
  const siftDown = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let last = at;
      if (left < heap.length && before(heap[last]!, heap[left]!)) last = left;
      if (right < heap.length && before(heap[last]!, heap[right]!)) last = right;
      if (last === at) return;
      [heap[at], heap[last]] = [heap[last]!, heap[at]!];
      at = last;
    }
  };
  const siftUp = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(heap[parent]!, heap[at]!)) return;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  };
  for (let row = 0; row < matched.length; row++) {
    if (!matched[row]) continue;
    if (after && !sortsBefore(after.key, after.id, keys[row]!, ids[row]!)) continue;
    if (heap.length < limit) {
      heap.push(row);
      siftUp(heap.length - 1);
    } else if (limit > 0 && before(row, heap[0]!)) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}

type CompiledFilter = (facts: TenantFacts, matched: Uint8Array) => void;

/** A value filter's codes as a lookup table (1 = the code passes). */
function passing(
  dict: Dictionary,
  values: readonly string[],
  includeEmpty: boolean,
  text: boolean,
): Uint8Array {
  const table = new Uint8Array(dict.values.length + 1);
  for (const value of values) {
    const code = dict.find(value);
    if (code !== undefined) table[code] = 1;
  }
  if (includeEmpty) {
    table[0] = 1;
    const blank = text ? dict.find('') : undefined;
    if (blank !== undefined) table[blank] = 1;
  }
  return table;
}

/**
 * A filter as a pass over the index, or undefined when the index cannot apply it exactly. `bounds`
 * holds range values of time columns converted by PostgreSQL (µs since the epoch), so a date-time
 * without an offset means what it means in SQL.
 */
function compile(filter: Filter, bounds: ReadonlyMap<string, number>): CompiledFilter | undefined {
  const kept = specById.get(filter.columnId);
  if (!kept) return undefined;
  const { spec, index } = kept;
  if (filter.op === 'in' && spec.kind !== 'number') {
    return (facts, matched) => {
      const store = facts.stores[index] as DictStore | MultiStore;
      if (store instanceof DictStore) {
        // (empty) is NULL, or '' for text, as in SQL.
        const table = passing(store.dict, filter.values, filter.includeEmpty, spec.text);
        const codes = store.codes;
        for (let row = 0; row < facts.size; row++) if (matched[row] && !table[codes[row]!]) matched[row] = 0;
        return;
      }
      // Arrays: any element among the values (`&&`), or (empty) = no elements at all.
      const table = passing(store.dict, filter.values, false, spec.text);
      for (let row = 0; row < facts.size; row++) {
        if (!matched[row]) continue;
        let pass = filter.includeEmpty && store.lengths[row] === 0;
        if (!pass) store.forEach(row, (code) => (pass ||= table[code] === 1));
        if (!pass) matched[row] = 0;
      }
    };
  }
  if ((filter.op === 'min' || filter.op === 'max') && spec.kind === 'number') {
    const bound = spec.time ? bounds.get(filter.value) : Number(filter.value);
    if (bound === undefined || Number.isNaN(bound)) return undefined;
    const atLeast = filter.op === 'min';
    return (facts, matched) => {
      const values = (facts.stores[index] as NumberStore).values;
      for (let row = 0; row < facts.size; row++) {
        // NaN (NULL) passes neither bound, as in SQL.
        const value = values[row]!;
        if (matched[row] && !(atLeast ? value >= bound : value <= bound)) matched[row] = 0;
      }
    };
  }
  return undefined;
}

/** A copy stream of text-format lines, as arrays of fields. */
async function readCopy(stream: NodeJS.ReadableStream, onRow: (fields: (string | null)[]) => void) {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk);
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const line of lines) onRow(line.split('\t').map(unescapeCopy));
  }
  rest += decoder.end();
  if (rest !== '') onRow(rest.split('\t').map(unescapeCopy));
}

export function sessionFacts(db: Database, options: FactsOptions) {
  const settings = { ...FACTS_DEFAULTS, ...options };
  const { log } = options;
  const tenants = new Map<string, TenantFacts>();
  const loading = new Map<string, Promise<void>>();
  /** The read of changes in flight per tenant, and whether another must follow it. */
  const syncing = new Map<string, { done: Promise<boolean>; queuedAt: number }>();
  const used = new Map<string, number>();
  /** When a tenant was last found too small to load. */
  const small = new Map<string, number>();

  async function load(tenantId: string): Promise<void> {
    if (!/^\d+$/.test(tenantId)) throw new Error('tenant id');
    const started = Date.now();
    const facts = new TenantFacts();
    await withConnection(db, async ({ client }) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        // The first statement fixes the transaction's snapshot; COPY reads in the same one.
        const snapshot = await client.query<{ xmin: string }>(
          'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
        );
        facts.since = snapshot.rows[0]!.xmin;
        const stream = client.query(
          copyTo(
            `COPY (SELECT ${SELECT_LIST} FROM sessions s WHERE s.tenant_id = ${tenantId} ORDER BY s.id) TO STDOUT`,
          ),
        );
        await readCopy(stream, (fields) => facts.put(fields));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    tenants.set(tenantId, facts);
    used.set(tenantId, Date.now());
    evict(tenantId);
    log.info({ tenantId, sessions: facts.size, ms: Date.now() - started }, 'facet index loaded the tenant');
  }

  /** Drops the least recently used tenants while the process holds more than `maxSessions`. */
  function evict(keep: string): void {
    let held = [...tenants.values()].reduce((sum, facts) => sum + facts.size, 0);
    const byAge = [...used.entries()].sort((a, b) => a[1] - b[1]);
    for (const [tenantId] of byAge) {
      if (held <= settings.maxSessions) break;
      if (tenantId === keep) continue;
      held -= tenants.get(tenantId)?.size ?? 0;
      tenants.delete(tenantId);
      used.delete(tenantId);
    }
  }

  function loadSoon(tenantId: string): void {
    if (loading.has(tenantId)) return;
    const run = load(tenantId)
      .catch((error: unknown) => log.error({ err: error, tenantId }, 'facet index load failed'))
      .finally(() => loading.delete(tenantId));
    loading.set(tenantId, run);
  }

  /** Reads the tenant's changes since the last read; false when there were too many (reloading). */
  async function readChanges(tenantId: string, facts: TenantFacts): Promise<boolean> {
    const result = await sql<{ xmin: string; fields: (string | null)[] | null }>`
      SELECT x.xmin, c.fields
      FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin) x
      LEFT JOIN LATERAL (
        SELECT ARRAY[${sql.raw(SELECT_LIST)}] AS fields
        FROM sessions s
        WHERE s.tenant_id = ${tenantId} AND s.change_xid >= ${facts.since}::bigint
        LIMIT ${settings.maxChanges + 1}
      ) c ON true`.execute(db);
    if (result.rows.length > settings.maxChanges) {
      tenants.delete(tenantId);
      loadSoon(tenantId);
      return false;
    }
    for (const row of result.rows) if (row.fields) facts.put(row.fields);
    facts.since = result.rows[0]!.xmin;
    return true;
  }

  /**
   * Brings the tenant up to date with every change committed before this call. A read already under
   * way may have started before the caller's own write committed, so the caller waits for the next.
   */
  function catchUp(tenantId: string, facts: TenantFacts, asOf: number): Promise<boolean> {
    const last = syncing.get(tenantId);
    // A read queued after the caller's request arrived sees everything committed before it.
    if (last && last.queuedAt >= asOf) return last.done;
    const queuedAt = performance.now();
    const done = (last?.done ?? Promise.resolve(true))
      .catch(() => true)
      .then(() => (tenants.get(tenantId) === facts ? readChanges(tenantId, facts) : false));
    const entry = { done, queuedAt };
    syncing.set(tenantId, entry);
    void done.finally(() => {
      if (syncing.get(tenantId) === entry) syncing.delete(tenantId);
    });
    return done;
  }

  /** The tenant's index, current, or undefined (and loading starts when the tenant is large enough). */
  async function current(tenantId: string, ask: FactsAsk) {
    const facts = tenants.get(tenantId);
    if (!facts) {
      // A small tenant is asked about again after a minute, not on every request.
      const checked = small.get(tenantId);
      if (loading.has(tenantId) || (checked !== undefined && Date.now() - checked < SIZE_CHECK_MS))
        return undefined;
      if ((await ask.size()) >= settings.minSessions) loadSoon(tenantId);
      else small.set(tenantId, Date.now());
      return undefined;
    }
    used.set(tenantId, Date.now());
    const fresh = await catchUp(tenantId, facts, ask.asOf).catch((error: unknown) => {
      log.error({ err: error, tenantId }, 'facet index could not read changes');
      return false;
    });
    return fresh ? facts : undefined;
  }

  /** Time bounds as PostgreSQL reads them, in µs since the epoch. */
  async function timeBounds(filters: readonly Filter[]): Promise<Map<string, number>> {
    const values = filters
      .filter(
        (filter) => (filter.op === 'min' || filter.op === 'max') && filter.column.valueType === 'timestamptz',
      )
      .map((filter) => (filter as { value: string }).value);
    if (values.length === 0) return new Map();
    const result = await sql<{ v: string; us: string }>`
      SELECT v, (extract(epoch FROM v::timestamptz) * 1000000)::bigint::text AS us
      FROM unnest(${values}::text[]) AS v`.execute(db);
    return new Map(result.rows.map((row) => [row.v, Number(row.us)]));
  }

  /** The filters as passes, or undefined when any of them is not for the index. */
  async function compileAll(filters: readonly Filter[]): Promise<CompiledFilter[] | undefined> {
    if (!filters.every((filter) => specById.has(filter.columnId))) return undefined;
    const bounds = await timeBounds(filters);
    const compiled: CompiledFilter[] = [];
    for (const filter of filters) {
      const pass = compile(filter, bounds);
      if (!pass) return undefined;
      compiled.push(pass);
    }
    return compiled;
  }

  /** What a dictionary column sorts by: its value, or the name behind its id (groups, first operator). */
  function sortName(columnId: string, tenantId: string) {
    if (columnId === 'group')
      return sql`(SELECT g.name FROM operator_groups g WHERE g.tenant_id = ${tenantId} AND g.id = d.value::bigint)`;
    if (columnId === 'operator')
      return sql`(SELECT u.name FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = d.value::bigint)`;
    return sql`d.value`;
  }

  /**
   * Ranks of a dictionary's codes in PostgreSQL's order of what they sort by (so text compares by the
   * database's collation), NaN for NULL; and where a cursor's text value falls among them (an equal
   * value's rank, or half a rank below the next).
   */
  async function rank(
    tenantId: string,
    columnId: string,
    dict: Dictionary,
    cursor: string | null | undefined,
  ) {
    const named = sql`
      WITH d AS (SELECT value, ord FROM unnest(${dict.values}::text[]) WITH ORDINALITY AS d (value, ord)),
      named AS (SELECT ord, ${sortName(columnId, tenantId)} AS key FROM d)`;
    const result = await sql<{ ord: number; rank: number | null }>`
      ${named}
      SELECT ord::int, CASE WHEN key IS NOT NULL THEN dense_rank() OVER (ORDER BY key) END::int AS rank
      FROM named`.execute(db);
    const ranks = new Float64Array(dict.values.length + 1).fill(Number.NaN);
    for (const row of result.rows) ranks[row.ord] = row.rank ?? Number.NaN;
    if (cursor === undefined || cursor === null) return { ranks, cursorKey: Number.NaN };
    const place = await sql<{ below: number; equal: boolean }>`
      ${named}
      SELECT count(DISTINCT key) FILTER (WHERE key < ${cursor}::text)::int AS below,
             coalesce(bool_or(key = ${cursor}::text), false) AS equal
      FROM named`.execute(db);
    const { below, equal } = place.rows[0]!;
    return { ranks, cursorKey: equal ? below + 1 : below + 0.5 };
  }

  /** A cursor's value as a sort key of a number column (time: µs, as PostgreSQL reads it). */
  async function numberKey(spec: NumberColumn, value: string | null): Promise<number> {
    if (value === null) return Number.NaN;
    if (!spec.time) return Number(value);
    const result = await sql<{ us: string }>`
      SELECT (extract(epoch FROM ${value}::timestamptz) * 1000000)::bigint::text AS us`.execute(db);
    return Number(result.rows[0]!.us);
  }

  return {
    /**
     * The ids of a History page sorted by a kept column (both directions, NULLS LAST, after a keyset
     * cursor), in the list's order; undefined when the index cannot answer. The caller reads the rows.
     */
    async page(
      tenantId: string,
      filters: readonly Filter[],
      sort: { columnId: string; desc: boolean },
      limit: number,
      after: { v: string | null; id: string } | undefined,
      ask: FactsAsk,
    ): Promise<string[] | undefined> {
      const kept = specById.get(sort.columnId);
      if (!kept) return undefined;
      const compiled = await compileAll(filters);
      if (!compiled) return undefined;
      const facts = await current(tenantId, ask);
      if (!facts) return undefined;
      const { spec, index } = kept;
      let keys: Float64Array;
      let cursorKey = Number.NaN;
      if (spec.kind === 'number') {
        keys = facts.sortKeys(index);
        if (after) cursorKey = await numberKey(spec, after.v);
      } else {
        const store = facts.stores[index] as DictStore | MultiStore;
        const ranked = await rank(tenantId, sort.columnId, store.dict, after?.v);
        keys = facts.sortKeys(index, ranked.ranks);
        cursorKey = ranked.cursorKey;
      }
      const rows = facts.top(
        keys,
        facts.match(compiled),
        sort.desc,
        limit,
        after ? { key: cursorKey, id: Number(after.id) } : undefined,
      );
      return facts.idsOf(rows);
    },

    /**
     * The History facet of a kept column under value and range filters, counted exactly; undefined when
     * the index cannot answer (the caller counts in SQL).
     */
    async facet(
      tenantId: string,
      columnId: string,
      filters: readonly Filter[],
      ask: FactsAsk,
    ): Promise<FactCount[] | undefined> {
      const kept = specById.get(columnId);
      if (!kept || kept.spec.kind === 'number') return undefined;
      const compiled = await compileAll(filters);
      if (!compiled) return undefined;
      const facts = await current(tenantId, ask);
      return facts?.facet(columnId, facts.match(compiled));
    },

    /** How many History sessions pass the filters, exactly; undefined as for `facet`. */
    async count(tenantId: string, filters: readonly Filter[], ask: FactsAsk): Promise<number | undefined> {
      const compiled = await compileAll(filters);
      if (!compiled) return undefined;
      const facts = await current(tenantId, ask);
      return facts?.count(facts.match(compiled));
    },

    /** Loads the tenant now, whatever its size (tests, and a warm-up after start). */
    async load(tenantId: string): Promise<void> {
      await load(tenantId);
    },

    /** Sessions held per tenant (operations, tests). */
    held(): Record<string, number> {
      return Object.fromEntries([...tenants.entries()].map(([id, facts]) => [id, facts.size]));
    },
  };
}

export type SessionFacts = ReturnType<typeof sessionFacts>;
