/**
 * The facet index's columns in memory, one store per kept column of a tenant's sessions
 * (session-facts-memory.ts `TenantFacts` holds them): dictionary codes, arrays of codes, numbers, bits
 * and the parameters of few values, each grown as sessions arrive.
 */

/** Codes of a dictionary: 0 is NULL; a value's code is its position in `values` plus one. */
export class Dictionary {
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

export function grown<T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(
  array: T,
  size: number,
): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

export class DictStore {
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
export class MultiStore {
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

export class NumberStore {
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

/** Bits per row. */
export class FlagsStore {
  bits: Uint8Array;
  constructor(capacity: number) {
    this.bits = new Uint8Array(capacity);
  }
  set(row: number, value: string | null): void {
    this.bits[row] = Number(value ?? 0);
  }
  grow(capacity: number): void {
    this.bits = grown(this.bits, capacity);
  }
}

/**
 * A tenant holds the values of at most this many parameter names, each with at most this many distinct
 * values at its load (`PARAM_LIMITS`): a parameter that names a segment, a campaign or a loyalty level is a filter list;
 * one that carries an order number or a customer id (860,000 and 274,000 distinct values in the 1 M
 * benchmark tenant) is not held, and its list is counted in SQL.
 */
export const PARAM_LIMITS = { names: 24, values: 1_000 };
export type ParamLimits = typeof PARAM_LIMITS;

/**
 * The values of a tenant's parameters, one dictionary column per name held (a row's code 0: the session
 * has no such parameter, or JSON null — `params ->> name` is NULL alike). Which names are held is decided
 * by the load (`settle`): every name seen is held until it has more distinct values than the limit, a
 * value that is not a string (whose `->>` text the index would have to reproduce), or as many names as
 * the limit are held. After it the set is fixed — a filter compiled for the tenant's index
 * stays valid — and a name first seen later is counted in SQL until the tenant is loaded again. No
 * writer stores anything but strings (the import turns numbers and booleans into text); should one,
 * a held name keeps the value's JSON text.
 */
export class ParamStore {
  readonly held = new Map<string, DictStore>();
  /** Names left out at the load for having more values than the limit. */
  readonly manyValued = new Set<string>();
  private readonly unheld = new Set<string>();
  private settled = false;
  constructor(
    private capacity: number,
    private readonly limits: ParamLimits = PARAM_LIMITS,
  ) {}

  set(row: number, text: string | null): void {
    const parsed: unknown = text === null || text === '' ? {} : JSON.parse(text);
    // Anything but an object has no named values (`->>` of a name is NULL).
    const params =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    for (const [name, store] of this.held) {
      const value = params[name];
      if (value === undefined || value === null) store.set(row, null);
      else if (typeof value === 'string') store.set(row, value);
      else if (this.settled) store.set(row, JSON.stringify(value));
      else this.drop(name);
    }
    if (this.settled) return;
    for (const name of Object.keys(params)) {
      if (this.held.has(name) || this.unheld.has(name)) continue;
      const value = params[name];
      if (value === null) continue;
      if (typeof value !== 'string' || this.held.size >= this.limits.names) {
        this.unheld.add(name);
        continue;
      }
      const store = new DictStore(this.capacity);
      store.set(row, value);
      this.held.set(name, store);
    }
    for (const [name, store] of this.held)
      if (store.dict.values.length > this.limits.values) this.drop(name, true);
  }

  private drop(name: string, many = false): void {
    this.held.delete(name);
    this.unheld.add(name);
    if (many) this.manyValued.add(name);
  }

  /** Fixes which names are held (the load is done). */
  settle(): void {
    this.settled = true;
  }

  grow(capacity: number): void {
    this.capacity = capacity;
    for (const store of this.held.values()) store.grow(capacity);
  }

  /** Bytes of codes per session. */
  get bytesPerSession(): number {
    let bytes = 0;
    for (const store of this.held.values()) bytes += store.codes.BYTES_PER_ELEMENT;
    return bytes;
  }
}

export type Store = DictStore | MultiStore | NumberStore | FlagsStore | ParamStore;
