import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Log } from '../../platform/log';
import type { TsqueryPart } from '../search/content-query';
import type { TenantFacts } from './session-facts-memory';

/**
 * The facet index's sample of search documents: the words (lexemes) of a fixed sample of a tenant's
 * History sessions, read once in the background and kept beside its columns as a small inverted index,
 * so the share of a content search among the sessions passing some filters is counted in memory — no
 * document read. A list's total and filter lists under a common word are then estimated in well under a
 * millisecond instead of checking 2,000–5,000 documents in SQL (~7 ms of two cores at a million
 * sessions, the most of a first asked search).
 *
 * Only what the sample answers as PostgreSQL would is answered: searched words and prefixes combined
 * with AND and OR, over lexemes of plain letters and digits (what `to_tsquery` keeps unchanged). A
 * phrase needs positions and a compound PostgreSQL's own parse: those, and shares the sample sees too
 * few matches of for ±10 %, are left to the SQL sample (session-facts.ts, `sampled`).
 *
 * Sessions written since the read are tracked (`TenantFacts.track`): a sampled one may have other words
 * now and is left out, and once the written ones are more than WORD_RESAMPLE_SHARE of the tenant's
 * sessions (new sessions the sample cannot stand for), the sample is read again.
 */

/** How many History sessions a tenant's sample holds (~60 words each: ~5 MB at a million sessions). */
export const WORD_SAMPLE_SIZE = 20_000;
/** The sample is read again once the sessions written since are this share of the tenant's. */
const WORD_RESAMPLE_SHARE = 0.02;

/** The sample's sessions' words: each distinct word (sorted) and the sample places it occurs at. */
export class WordSample {
  /**
   * @param rows the index's row of each sampled session, by place
   * @param words the distinct words, sorted by UTF-16 code units (so a prefix's words are adjacent)
   * @param starts where each word's places begin in `places` (one more entry: the end)
   * @param changed the rows written since the read began
   * @param heldAt how many sessions the index held when it was read
   */
  constructor(
    readonly rows: Int32Array,
    private readonly words: readonly string[],
    private readonly starts: Uint32Array,
    private readonly places: Uint32Array,
    readonly changed: Set<number>,
    readonly heldAt: number,
  ) {
    let text = 0;
    for (const word of words) text += 16 + word.length * 2;
    this.bytes = rows.byteLength + starts.byteLength + places.byteLength + text;
  }

  /** What it holds in memory, roughly (weighed against the process's bound). */
  readonly bytes: number;

  /** The first word at or after `text` in the sorted words. */
  private lowerBound(text: string): number {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.words[middle]! < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Marks the places of a word (or of every word it begins, as a prefix) in `into`. */
  private mark(lexeme: string, prefix: boolean, into: Uint8Array): void {
    for (let at = this.lowerBound(lexeme); at < this.words.length; at++) {
      const word = this.words[at]!;
      if (prefix ? !word.startsWith(lexeme) : word !== lexeme) break;
      for (let place = this.starts[at]!; place < this.starts[at + 1]!; place++) into[this.places[place]!] = 1;
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
      if (node.kind === 'word') {
        const into = new Uint8Array(this.rows.length);
        this.mark(node.lexeme, node.prefix, into);
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

type Node = { kind: 'word'; lexeme: string; prefix: boolean } | { kind: 'and' | 'or'; of: Node[] };

/** A lexeme `to_tsquery('sessiondesk', …)` keeps as typed: plain letters and digits. */
const PLAIN = /^[a-z0-9]+$/;

/**
 * The parts as a tree of words and prefixes under AND and OR, or undefined when any part is more than
 * that: a phrase (`<->`), a compound (a literal or PostgreSQL's phrase of it), a lexeme that is not
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
  const tokens = text.match(/'[^']*'(?::\*)?|[()&|]|\S/g) ?? [];
  let at = 0;
  // expression := and ('|' and)*; and := operand ('&' operand)*; operand := '(' expression ')' | word
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
  const conjunction = joined('and', '&', operand);
  const expression: () => Node | undefined = joined('or', '|', conjunction);
  const node = expression();
  return node && at === tokens.length ? node : undefined;
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
    if (reading.has(tenantId)) return;
    const changed = facts.track();
    const started = Date.now();
    const heldAt = facts.size;
    const rows = Int32Array.from(facts.sample(history, size));
    const run = (async () => {
      const result = await sql<{ place: number; words: string[] }>`
        SELECT p.place::int AS place, tsvector_to_array(s.search_document) AS words
        FROM unnest(${facts.idsOf([...rows])}::bigint[]) WITH ORDINALITY AS p (id, place)
        JOIN sessions s ON s.tenant_id = ${tenantId} AND s.id = p.id`.execute(db);
      const byWord = new Map<string, number[]>();
      let count = 0;
      for (const row of result.rows) {
        for (const word of row.words) {
          let places = byWord.get(word);
          if (!places) byWord.set(word, (places = []));
          places.push(row.place - 1);
          count++;
        }
      }
      const words = [...byWord.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const starts = new Uint32Array(words.length + 1);
      const places = new Uint32Array(count);
      let end = 0;
      words.forEach((word, at) => {
        starts[at] = end;
        for (const place of byWord.get(word)!) places[end++] = place;
      });
      starts[words.length] = end;
      const before = facts.words;
      if (before) facts.untrack(before.changed);
      facts.words = new WordSample(rows, words, starts, places, changed, heldAt);
      evict(tenantId);
      log.info(
        { tenantId, sessions: rows.length, words: words.length, ms: Date.now() - started },
        'facet index read a sample of search documents',
      );
    })()
      .catch((error: unknown) => {
        facts.untrack(changed);
        log.error({ err: error, tenantId }, 'facet index could not read a sample of search documents');
      })
      .finally(() => reading.delete(tenantId));
    reading.set(tenantId, run);
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
