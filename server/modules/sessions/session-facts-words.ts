import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Log } from '../../platform/log';
import type { TsqueryPart } from '../search/content-query';
import { readBeside, type TenantFacts } from './session-facts-memory';

/**
 * The facet index's sample of search documents: the words (lexemes) and their positions of a fixed
 * sample of a tenant's History sessions, read once in the background and kept beside its columns as a
 * small inverted index, so the share of a content search among the sessions passing some filters is
 * counted in memory — no document read. A list's total and filter lists under a common word are then
 * estimated in about a millisecond instead of checking 2,000–5,000 documents in SQL (~7 ms of two cores
 * at a million sessions, the most of a first asked search), and a search can be walked in an order no
 * index serves (session.service.ts, `pageOf`).
 *
 * Only what the sample answers as PostgreSQL would is answered: searched words, prefixes and phrases of
 * whole words combined with AND and OR, over lexemes of plain letters and digits (what `to_tsquery`
 * keeps unchanged). A compound needs PostgreSQL's own parse: it, and shares the sample sees too few
 * matches of for ±10 %, are left to the SQL sample (session-facts.ts, `sampled`).
 *
 * Sessions written since the read are tracked (`TenantFacts.track`): a sampled one may have other words
 * now and is left out, and once the written ones are more than WORD_RESAMPLE_SHARE of the tenant's
 * sessions (new sessions the sample cannot stand for), the sample is read again.
 */

/** How many History sessions a tenant's sample holds (~60 words each: ~18 MiB with their positions). */
export const WORD_SAMPLE_SIZE = 20_000;
/** What a sampled session's words and positions take in memory (~18 MiB for 20,000 at a million sessions). */
export const SAMPLED_SESSION_BYTES = 1_000;
/** The sample is read again once the sessions written since are this share of the tenant's. */
const WORD_RESAMPLE_SHARE = 0.02;

/**
 * The sample's sessions' words: each distinct word (sorted), the sample places it occurs at (ascending),
 * and at each place the word's positions in that document (for phrases).
 */
export class WordSample {
  /** What it holds in memory, roughly (weighed against the process's bound). */
  readonly bytes: number;

  /**
   * @param rows the index's row of each sampled session, by place
   * @param index the words and where they occur (`indexWords`)
   * @param changed the rows written since the read began
   * @param heldAt how many sessions the index held when it was read
   */
  constructor(
    readonly rows: Int32Array,
    private readonly index: WordIndex,
    readonly changed: Set<number>,
    readonly heldAt: number,
  ) {
    let text = 0;
    for (const word of index.words) text += 16 + word.length * 2;
    const { starts, places, positionStarts, positions } = index;
    this.bytes =
      rows.byteLength +
      starts.byteLength +
      places.byteLength +
      positionStarts.byteLength +
      positions.byteLength +
      text;
  }

  /** The first word at or after `text` in the sorted words. */
  private lowerBound(text: string): number {
    return lowerBound(this.index.words, text);
  }

  /** Marks the places of a word (or of every word it begins, as a prefix) in `into`. */
  private mark(lexeme: string, prefix: boolean, into: Uint8Array): void {
    const { words, starts, places } = this.index;
    for (let at = this.lowerBound(lexeme); at < words.length; at++) {
      const word = words[at]!;
      if (prefix ? !word.startsWith(lexeme) : word !== lexeme) break;
      for (let entry = starts[at]!; entry < starts[at + 1]!; entry++) into[places[entry]!] = 1;
    }
  }

  /** The entry of a word (by its index) at a place, or -1: a binary search of its ascending places. */
  private entryAt(word: number, place: number): number {
    const { starts, places } = this.index;
    let low = starts[word]!;
    let high = starts[word + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (places[middle]! < place) low = middle + 1;
      else high = middle;
    }
    return low < starts[word + 1]! && places[low] === place ? low : -1;
  }

  /** Marks the places where the words occur one right after another (`a <-> b <-> …`) in `into`. */
  private markPhrase(lexemes: readonly string[], into: Uint8Array): void {
    const { words, starts, places, positionStarts, positions } = this.index;
    const found = lexemes.map((lexeme) => {
      const at = this.lowerBound(lexeme);
      return words[at] === lexeme ? at : -1;
    });
    if (found.includes(-1)) return;
    const has = (entry: number, position: number) => {
      for (let at = positionStarts[entry]!; at < positionStarts[entry + 1]!; at++)
        if (positions[at] === position) return true;
      return false;
    };
    // The rarest word's places are the candidates; the others' entries there are looked up.
    let rarest = 0;
    found.forEach((word, i) => {
      if (starts[word + 1]! - starts[word]! < starts[found[rarest]! + 1]! - starts[found[rarest]!]!)
        rarest = i;
    });
    const entries = new Int32Array(found.length);
    const lead = found[rarest]!;
    candidates: for (let entry = starts[lead]!; entry < starts[lead + 1]!; entry++) {
      const place = places[entry]!;
      for (let i = 0; i < found.length; i++) {
        entries[i] = i === rarest ? entry : this.entryAt(found[i]!, place);
        if (entries[i]! < 0) continue candidates;
      }
      for (let at = positionStarts[entry]!; at < positionStarts[entry + 1]!; at++) {
        const start = positions[at]! - rarest;
        let all = true;
        for (let i = 0; i < found.length && all; i++) all = i === rarest || has(entries[i]!, start + i);
        if (all) {
          into[place] = 1;
          continue candidates;
        }
      }
    }
  }

  /**
   * Which places' sessions match every part (1) or not (0), as `search_document @@` the parts' tsquery
   * would; undefined when a part is not for the sample (`readParts`).
   */
  matches(parts: readonly TsqueryPart[]): Uint8Array | undefined {
    const read = readParts(parts);
    if (!read) return undefined;
    const evaluate = (node: Node): Uint8Array => {
      if (node.kind === 'word' || node.kind === 'phrase') {
        const into = new Uint8Array(this.rows.length);
        if (node.kind === 'word') this.mark(node.lexeme, node.prefix, into);
        else this.markPhrase(node.lexemes, into);
        return into;
      }
      const [first, ...rest] = node.of.map(evaluate);
      for (const other of rest)
        for (let place = 0; place < first!.length; place++)
          first![place] =
            node.kind === 'and' ? first![place]! & other[place]! : first![place]! | other[place]!;
      return first!;
    };
    return evaluate({ kind: 'and', of: read });
  }
}

export type WordNode = Node;

/** The first of sorted words at or after `text` (by UTF-16 code units, as JavaScript compares). */
export function lowerBound(words: readonly string[], text: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle]! < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

type Node =
  | { kind: 'word'; lexeme: string; prefix: boolean }
  | { kind: 'phrase'; lexemes: string[] }
  | { kind: 'and' | 'or'; of: Node[] };

/** A lexeme `to_tsquery('sessiondesk', …)` keeps as typed: plain letters and digits. */
const PLAIN = /^[a-z0-9]+$/;

/**
 * The parts as a tree of words, prefixes and phrases of whole words under AND and OR, or undefined when
 * any part is more than that: a compound (a literal or PostgreSQL's phrase of it), a lexeme that is not
 * plain (to_tsquery might split or change it). Reads only the tsquery text `content-query.ts` writes.
 */
export function readParts(parts: readonly TsqueryPart[]): Node[] | undefined {
  const read: Node[] = [];
  for (const part of parts) {
    if (part.literal !== null || part.phrase !== null) return undefined;
    const node = readTsquery(part.parsed);
    if (!node) return undefined;
    read.push(node);
  }
  return read;
}

function readTsquery(text: string): Node | undefined {
  const tokens = text.match(/'[^']*'(?::\*)?|<->|[()&|]|\S/g) ?? [];
  let at = 0;
  // expression := and ('|' and)*; and := phrase ('&' phrase)*; phrase := operand ('<->' operand)*;
  // operand := '(' expression ')' | word. A phrase is of whole words only.
  const operand = (): Node | undefined => {
    const token = tokens[at++];
    if (token === '(') {
      const inner = expression();
      return tokens[at++] === ')' ? inner : undefined;
    }
    const word = token?.match(/^'([^']*)'(:\*)?$/);
    if (!word || !PLAIN.test(word[1]!)) return undefined;
    return { kind: 'word', lexeme: word[1]!, prefix: word[2] !== undefined };
  };
  const phrase = (): Node | undefined => {
    const words: Node[] = [];
    for (;;) {
      const node = operand();
      if (!node) return undefined;
      words.push(node);
      if (tokens[at] !== '<->') break;
      at++;
    }
    if (words.length === 1) return words[0];
    const lexemes: string[] = [];
    for (const word of words) {
      if (word.kind !== 'word' || word.prefix) return undefined;
      lexemes.push(word.lexeme);
    }
    return { kind: 'phrase', lexemes };
  };
  const joined =
    (kind: 'and' | 'or', operator: string, next: () => Node | undefined) => (): Node | undefined => {
      const of: Node[] = [];
      for (;;) {
        const node = next();
        if (!node) return undefined;
        of.push(node);
        if (tokens[at] !== operator) return of.length === 1 ? of[0] : { kind, of };
        at++;
      }
    };
  const conjunction = joined('and', '&', phrase);
  const expression: () => Node | undefined = joined('or', '|', conjunction);
  const node = expression();
  return node && at === tokens.length ? node : undefined;
}

/** The sample's words: sorted, each word's entries (a place and its positions there) by place. */
export interface WordIndex {
  words: string[];
  /** Where each word's entries begin (one more: the end). */
  starts: Uint32Array;
  /** Each entry's place. */
  places: Uint32Array;
  /** Where each entry's positions begin in `positions` (one more: the end). */
  positionStarts: Uint32Array;
  positions: Uint16Array;
}

/**
 * Reads a tsvector's text output (`'word':1,5B 'it''s':3`: quotes and backslashes doubled, positions
 * with an optional weight letter), calling `each` with every word and its positions.
 */
export function readDocument(text: string, each: (word: string, positions: number[]) => void): void {
  let at = 0;
  while (at < text.length) {
    if (text[at] !== "'") {
      at++;
      continue;
    }
    let word = '';
    let from = ++at;
    for (;;) {
      const end = text.indexOf("'", at);
      const slash = text.indexOf('\\', at);
      if (end < 0) return;
      if (slash >= 0 && slash < end) {
        word += text.slice(from, slash) + text[slash + 1];
        at = from = slash + 2;
        continue;
      }
      if (text[end + 1] === "'") {
        word += text.slice(from, end + 1);
        at = from = end + 2;
        continue;
      }
      word += text.slice(from, end);
      at = end + 1;
      break;
    }
    const positions: number[] = [];
    if (text[at] === ':') {
      at++;
      for (;;) {
        let position = 0;
        while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57)
          position = position * 10 + text.charCodeAt(at++) - 48;
        positions.push(position);
        if (/[A-D]/.test(text[at] ?? '')) at++;
        if (text[at] !== ',') break;
        at++;
      }
    }
    each(word, positions);
  }
}

/** Documents read between two turns of the event loop (`indexWords`): ~10 ms at a time. */
const DOCUMENTS_AT_ONCE = 500;

/**
 * The index of documents by place (`documents[place]`, a tsvector's text output). It yields to the event
 * loop every DOCUMENTS_AT_ONCE documents: read at once, 20,000 documents held every request of the
 * process up for 0.3–0.7 s.
 */
export async function indexWords(documents: readonly string[]): Promise<WordIndex> {
  const byWord = new Map<string, { places: number[]; positions: number[][] }>();
  let entries = 0;
  let positionCount = 0;
  for (let place = 0; place < documents.length; place++) {
    if (place > 0 && place % DOCUMENTS_AT_ONCE === 0) await new Promise((resolve) => setImmediate(resolve));
    readDocument(documents[place]!, (word, positions) => {
      let at = byWord.get(word);
      if (!at) byWord.set(word, (at = { places: [], positions: [] }));
      at.places.push(place);
      at.positions.push(positions);
      entries++;
      positionCount += positions.length;
    });
  }
  const words = [...byWord.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts = new Uint32Array(words.length + 1);
  const places = new Uint32Array(entries);
  const positionStarts = new Uint32Array(entries + 1);
  const positions = new Uint16Array(positionCount);
  let entry = 0;
  let position = 0;
  words.forEach((word, at) => {
    starts[at] = entry;
    const occurs = byWord.get(word)!;
    occurs.places.forEach((place, i) => {
      places[entry] = place;
      positionStarts[entry++] = position;
      for (const value of occurs.positions[i]!) positions[position++] = value;
    });
  });
  starts[words.length] = entry;
  positionStarts[entry] = position;
  return { words, starts, places, positionStarts, positions };
}

export interface WordSamplingOptions {
  log: Log;
  /** How many sessions a tenant's sample holds. */
  size: number;
  /** Tenants with fewer History sessions get no sample (their SQL sample is small and exact). */
  minSessions: number;
  /** Drops other tenants while the process holds too much (a sample just read weighs in). */
  evict: (keep: string) => void;
}

/** The facet index's reads of word samples (session-facts.ts holds one for all its tenants). */
export function wordSampling(db: Database, { log, size, minSessions, evict }: WordSamplingOptions) {
  const reading = new Map<string, Promise<void>>();

  /**
   * Reads a sample of the tenant's History sessions' words in the background: a systematic sample of
   * `size` of them in id order (every k-th: spread evenly over time), their documents' words read by key.
   */
  function readSoon(tenantId: string, facts: TenantFacts, history: Uint8Array): void {
    const started = Date.now();
    const heldAt = facts.size;
    const rows = Int32Array.from(facts.sample(history, size));
    readBeside(reading, tenantId, facts, log, 'a sample of search documents', async (changed) => {
      const result = await sql<{ place: number; document: string }>`
        SELECT p.place::int AS place, s.search_document::text AS document
        FROM unnest(${facts.idsOf([...rows])}::bigint[]) WITH ORDINALITY AS p (id, place)
        JOIN sessions s ON s.tenant_id = ${tenantId} AND s.id = p.id`.execute(db);
      const documents: string[] = new Array<string>(rows.length).fill('');
      for (const row of result.rows) documents[row.place - 1] = row.document;
      const index = await indexWords(documents);
      const before = facts.words;
      if (before) facts.untrack(before.changed);
      facts.words = new WordSample(rows, index, changed, heldAt);
      evict(tenantId);
      log.info(
        { tenantId, sessions: rows.length, words: index.words.length, ms: Date.now() - started },
        'facet index read a sample of search documents',
      );
    });
  }

  return {
    /**
     * The tenant's sample for a search, current enough to stand for its sessions; read (again) in the
     * background when missing or when too many sessions were written since. Undefined meanwhile, and for a
     * tenant with fewer than `minSessions` History sessions (`history`: the rows in History).
     */
    sample(tenantId: string, facts: TenantFacts, history: () => Uint8Array, population: () => number) {
      if (size <= 0) return undefined;
      const sample = facts.words;
      const stale = !sample || sample.changed.size > WORD_RESAMPLE_SHARE * Math.max(sample.heldAt, 1);
      if (stale && !reading.has(tenantId) && population() >= minSessions)
        readSoon(tenantId, facts, history());
      // A stale sample still stands for the sessions until its successor is read (within a few %).
      return sample && sample.changed.size <= 2 * WORD_RESAMPLE_SHARE * Math.max(sample.heldAt, 1)
        ? sample
        : undefined;
    },

    /** The reads under way (tests, benchmarks wait for them). */
    reads(): Promise<void>[] {
      return [...reading.values()];
    },
  };
}
