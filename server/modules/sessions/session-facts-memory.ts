import type { Log } from '../../platform/log';
import { isParamColumn, paramName } from './session-columns';
import {
  DictStore,
  FlagsStore,
  MultiStore,
  NumberStore,
  PARAM_LIMITS,
  ParamStore,
  grown,
  type Dictionary,
  type ParamLimits,
  type Store,
} from './session-facts-stores';
import type { CompiledFilter } from './session-facts-filters';
import { SESSION_BYTES, TextOrders } from './session-facts-orders';
import type { WordPostings } from './session-facts-postings';
import type { WordSample } from './session-facts-words';

/**
 * The facet index's memory (session-facts.ts reads the database into it): a tenant's sessions as one
 * typed array per kept column, and the passes over them — filters, facet counts, totals, and the first
 * rows of a sorted page. Nothing here knows SQL but the text each column is read as.
 */

/** A counted value of a facet: the value as text, null for "empty". */
export interface FactCount {
  value: string | null;
  count: number;
}

export type DictColumn = { kind: 'dict'; id: string; select: string; text: boolean };
export type MultiColumn = { kind: 'multi'; id: string; select: string; text: boolean; json: boolean };
export type NumberColumn = { kind: 'number'; id: string; select: string; time: boolean };
/** One bit per session and column: whether it has a value (the text sorts' two-part pages, below). */
export type FlagsColumn = { kind: 'flags'; id: string; select: string; columns: readonly string[] };
/** The parameters (`param.<name>` columns), as a JSON object (`ParamStore`). */
export type ParamsColumn = { kind: 'params'; id: string; select: string };
export type ColumnSpec = DictColumn | MultiColumn | NumberColumn | FlagsColumn | ParamsColumn;

/**
 * The text columns whose sort reads the sessions with a value, then those without (sessionRepository's
 * split page), with the SQL of each; at most 8 (one byte per session).
 */
export const VALUED_COLUMNS: readonly (readonly [string, string])[] = [
  ['externalId', 's.external_id'],
  ['pageUrl', 's.page_url'],
  ['clientName', 's.client_name'],
  ['clientEmail', 's.client_email'],
  ['clientPhone', 's.client_phone'],
  ['clientIp', 's.client_ip'],
  ['feedback', 's.feedback'],
];

const µs = (column: string) => `(extract(epoch FROM s.${column}) * 1000000)::bigint::text`;

/** The columns kept, by catalogue id, with the SQL that reads each as text (the same for load and changes). */
export const SPECS: readonly ColumnSpec[] = [
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
  {
    kind: 'flags',
    id: 'valued',
    // Each term in parentheses: `|` and `<<` share a precedence in PostgreSQL.
    select: `(${VALUED_COLUMNS.map(([, expr], bit) => `((${expr} IS NOT NULL)::int << ${bit})`).join(' | ')})::text`,
    columns: VALUED_COLUMNS.map(([id]) => id),
  },
  { kind: 'params', id: 'params', select: 's.params::text' },
];

export const SELECT_LIST = ['s.id::text', ...SPECS.map((spec) => spec.select)].join(', ');
/** The catalogue's columns the index keeps (filters, facets and sorts name them), by id. */
export const specById = new Map(
  SPECS.flatMap((spec, index) =>
    spec.kind === 'flags' || spec.kind === 'params' ? [] : [[spec.id, { spec, index }] as const],
  ),
);
const VALUED_INDEX = SPECS.findIndex((spec) => spec.kind === 'flags');
const PARAMS_INDEX = SPECS.findIndex((spec) => spec.kind === 'params');

function valuedBit(columnId: string): number {
  const bit = VALUED_COLUMNS.findIndex(([id]) => id === columnId);
  if (bit < 0) throw new Error(`${columnId} has no valued flag`);
  return bit;
}

/** Whether the index keeps this column (its value filters, range filters and facets). */
export function factsKeep(columnId: string): boolean {
  return specById.has(columnId);
}

/** Whether the index may count this column's filter list: a kept value column, or a parameter it holds. */
export function factsFacet(columnId: string): boolean {
  const kind = specById.get(columnId)?.spec.kind;
  return kind === 'dict' || kind === 'multi' || isParamColumn(columnId);
}

const MEMO_SIZE = 12;

/** One tenant's sessions. */
export class TenantFacts {
  size = 0;
  /** Answers computed since the last change, by what they answer (cleared by every change). */
  private readonly memo = new Map<string, unknown>();
  private capacity: number;
  private ids: Float64Array;
  /** ids[0..sortedUntil) ascend; later rows (ids that arrived out of order) are found through `late`. */
  private sortedUntil = 0;
  private readonly late = new Map<number, number>();
  readonly stores: Store[];
  /** Changes are read from this transaction id on. */
  since = '0';
  /** Its text columns' orders (session-facts-orders.ts). */
  readonly textOrders = new TextOrders(this);
  /** Its sample of search documents (session-facts-words.ts), once read. */
  words: WordSample | undefined;
  /** Its postings of common words (session-facts-postings.ts), once read. */
  postings: WordPostings | undefined;
  /** Sets of the rows written since each began (`track`): what a read kept beside the index has missed. */
  private readonly tracking = new Set<Set<number>>();

  constructor(capacity = 1024, paramLimits: ParamLimits = PARAM_LIMITS) {
    this.capacity = capacity;
    this.ids = new Float64Array(capacity);
    this.stores = SPECS.map((spec) => {
      switch (spec.kind) {
        case 'dict':
          return new DictStore(capacity);
        case 'multi':
          return new MultiStore(capacity);
        case 'number':
          return new NumberStore(capacity);
        case 'flags':
          return new FlagsStore(capacity);
        case 'params':
          return new ParamStore(capacity, paramLimits);
      }
    });
  }

  private get params(): ParamStore {
    return this.stores[PARAMS_INDEX] as ParamStore;
  }

  /** The values of a parameter the index holds (`ParamStore`), by name. */
  param(name: string): DictStore | undefined {
    return this.params.held.get(name);
  }

  /** The parameters left out at the load for their many values (`ParamStore`). */
  paramsOfManyValues(): ReadonlySet<string> {
    return this.params.manyValued;
  }

  /** The load is done: the parameters held are fixed (`ParamStore.settle`). */
  settle(): void {
    this.params.settle();
  }

  /** The row of a session id, if the index holds it. */
  rowOf(id: number): number | undefined {
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

  /**
   * `compute()`, or its answer from before when nothing changed since: a list's total and page share
   * one pass, and filter lists opened one after another under the same filters are counted once.
   */
  remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    // A handful of answers (a pass is 1 byte per session): the oldest goes first.
    if (this.memo.size >= MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    this.memo.set(key, value);
    return value;
  }

  /** Drops a remembered answer (one that only said "cannot answer yet"). */
  forget(key: string): void {
    this.memo.delete(key);
  }

  /** Writes one session, read as text in SELECT_LIST's order (id first). */
  put(fields: readonly (string | null)[]): void {
    this.memo.clear();
    const id = Number(fields[0]);
    let row = this.rowOf(id);
    if (row === undefined) {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      row = this.size++;
      this.ids[row] = id;
      if (this.sortedUntil === row && (row === 0 || this.ids[row - 1]! < id)) this.sortedUntil++;
      else this.late.set(id, row);
    }
    for (const changed of this.tracking) changed.add(row);
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
        (store as DictStore | NumberStore | FlagsStore | ParamStore).set(row, value);
      }
    }
  }

  /**
   * Starts recording the rows written from now on, for something read beside the index (a text order,
   * the sample of search documents) that a later write may have outdated; `untrack` stops it.
   */
  track(): Set<number> {
    const changed = new Set<number>();
    this.tracking.add(changed);
    return changed;
  }

  untrack(changed: Set<number>): void {
    this.tracking.delete(changed);
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

  /**
   * About `size` of the matched rows, evenly spread over them in id order (a systematic sample: every
   * k-th, starting half a step in, so the same question gets the same sample).
   */
  sample(matched: Uint8Array, size: number): number[] {
    const population = this.count(matched);
    const rows: number[] = [];
    if (population === 0 || size <= 0) return rows;
    const step = Math.max(1, population / size);
    // The k-th pick is the floor(step / 2 + k · step)-th matched row; step ≥ 1 keeps picks distinct.
    let target = Math.floor(step / 2);
    let seen = 0;
    for (let row = 0; row < this.size && target < population; row++) {
      if (!matched[row]) continue;
      if (seen === target) {
        rows.push(row);
        target = Math.floor(step / 2 + rows.length * step);
      }
      seen++;
    }
    return rows;
  }

  /** The rows of the given session ids as a pass (ids the index does not hold are left out). */
  passOf(ids: readonly string[]): Uint8Array {
    const matched = new Uint8Array(this.size);
    for (const id of ids) {
      const row = this.rowOf(Number(id));
      if (row !== undefined) matched[row] = 1;
    }
    return matched;
  }

  /**
   * The matched rows that have a value in a text column of VALUED_COLUMNS, when there are at most
   * `cap`; undefined when there are more.
   */
  valuedRows(matched: Uint8Array, columnId: string, cap: number): number[] | undefined {
    const { mask, bits } = this.valued(columnId);
    const rows: number[] = [];
    for (let row = 0; row < this.size; row++) {
      if (!matched[row] || !(bits[row]! & mask)) continue;
      if (rows.length === cap) return undefined;
      rows.push(row);
    }
    return rows;
  }

  /** Every row's valued flags, and the bit of a text column of VALUED_COLUMNS among them. */
  valued(columnId: string): { mask: number; bits: Uint8Array } {
    return { mask: 1 << valuedBit(columnId), bits: (this.stores[VALUED_INDEX] as FlagsStore).bits };
  }

  /**
   * What the tenant holds, in sessions' worth of memory: its sessions, the parameters it holds, its text
   * orders, its sample of search documents and its postings of common words.
   */
  get weight(): number {
    const params = this.params.bytesPerSession * this.size;
    const beside = (this.words?.bytes ?? 0) + (this.postings?.bytes ?? 0) + params;
    return this.size + this.textOrders.weight + Math.ceil(beside / SESSION_BYTES);
  }

  /** Session ids of rows. */
  idsOf(rows: readonly number[]): string[] {
    return rows.map((row) => String(this.ids[row]));
  }

  /** The session ids as sort keys (the id column). */
  idKeys(): Float64Array {
    return this.ids;
  }

  /** The sort key of every row of a kept column: its number, or the rank of its value (NaN: none). */
  sortKeys(index: number, ranks?: Float64Array): Float64Array {
    const store = this.stores[index]!;
    if (store instanceof NumberStore) return store.values;
    const keys = new Float64Array(this.size);
    if (store instanceof DictStore) {
      const codes = store.codes;
      for (let row = 0; row < this.size; row++) keys[row] = ranks![codes[row]!]!;
    } else if (store instanceof MultiStore) {
      for (let row = 0; row < this.size; row++)
        keys[row] = store.lengths[row] === 0 ? Number.NaN : ranks![store.first[row]!]!;
    } else {
      throw new Error('flags are not a sort');
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

  /**
   * Counts per value of a kept value column or a held parameter among matched rows, as the SQL facet
   * does ('' counts as empty); undefined for a parameter the index does not hold.
   */
  facet(columnId: string, matched: Uint8Array): FactCount[] | undefined {
    if (isParamColumn(columnId)) {
      const store = this.param(paramName(columnId));
      return store && this.dictFacet(store, matched, true);
    }
    const { spec, index } = specById.get(columnId)!;
    if (spec.kind !== 'dict' && spec.kind !== 'multi') throw new Error(`${columnId} has no facet`);
    const store = this.stores[index] as DictStore | MultiStore;
    if (store instanceof DictStore) return this.dictFacet(store, matched, spec.text);
    const counts = new Float64Array(store.dict.values.length + 1);
    const bump = (code: number) => counts[code]!++;
    for (let row = 0; row < this.size; row++) {
      if (!matched[row]) continue;
      if (store.lengths[row] === 0) counts[0]!++;
      else store.forEach(row, bump);
    }
    return counted(store.dict, counts, spec.text);
  }

  private dictFacet(store: DictStore, matched: Uint8Array, text: boolean): FactCount[] {
    const counts = new Float64Array(store.dict.values.length + 1);
    const codes = store.codes;
    for (let row = 0; row < this.size; row++) if (matched[row]) counts[codes[row]!]!++;
    return counted(store.dict, counts, text);
  }
}

/** Counts by code as values with their counts, the empty text folded into "empty" for a text column. */
function counted(dict: Dictionary, counts: Float64Array, text: boolean): FactCount[] {
  if (text) {
    const blank = dict.find('');
    if (blank !== undefined) {
      counts[0]! += counts[blank]!;
      counts[blank] = 0;
    }
  }
  const result: FactCount[] = [];
  for (let code = 0; code < counts.length; code++) {
    if (counts[code]! > 0) result.push({ value: dict.valueOf(code), count: counts[code]! });
  }
  return result;
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
  // Rows lie mostly in id order: walking them in the sort's direction, a run of equal keys (a status, a
  // channel) fills the heap with its best ids first and rejects the rest in one comparison each.
  const step = desc ? -1 : 1;
  for (let row = desc ? matched.length - 1 : 0; row >= 0 && row < matched.length; row += step) {
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

/**
 * Reads something beside a tenant's index in the background (a sample of search documents, the postings
 * of common words), at most one at a time per tenant (`reading`), the rows written meanwhile tracked
 * (`read` gets them; on failure they are no longer tracked and the failure is logged as `what`).
 */
export function readBeside(
  reading: Map<string, Promise<void>>,
  tenantId: string,
  facts: TenantFacts,
  log: Log,
  what: string,
  read: (changed: Set<number>) => Promise<void>,
): void {
  if (reading.has(tenantId)) return;
  const changed = facts.track();
  const run = read(changed)
    .catch((error: unknown) => {
      facts.untrack(changed);
      log.error({ err: error, tenantId }, `facet index could not read ${what}`);
    })
    .finally(() => reading.delete(tenantId));
  reading.set(tenantId, run);
}
