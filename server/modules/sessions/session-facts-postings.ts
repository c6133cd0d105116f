import { sql } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../db/database';
import { withConnection } from '../../db/connection';
import { copyOut, readCopyText } from '../../db/copy-out';
import type { Log } from '../../platform/log';
import type { TsqueryPart } from '../search/content-query';
import { readBeside, type TenantFacts } from './session-facts-memory';
import { lowerBound, readParts, type WordNode } from './session-facts-words';

/**
 * The facet index's postings of common words: for each word (lexeme) in at least `heldShare` of a
 * tenant's sessions, which of the index's rows hold it — read once from every search document in the
 * background — and a dictionary of every rarer word with how many sessions hold it. A content search
 * of words and prefixes is then matched in memory exactly as `search_document @@` would: a common
 * word's sessions from its postings, a rare word's (and a prefix's rare words') looked up in the search
 * index by name, a few thousand sessions at most.
 *
 * Why: a page of a common root search in an order no index serves had PostgreSQL collect and sort every
 * match — the first operators or groups by name may hold none of them (an English group, a Czech word),
 * so no walk through them finds a page ("objednávka" by ascending operator: 274,232 matches, ~1.8 s at a
 * million sessions; the search index's bitmap of the prefix alone 337 ms). At a million sessions 792
 * words in ≥ 0.5 % of the sessions hold ~59 M of the documents' ~60 M words: their postings (a bitmap
 * each above one session in 32, else a list of rows) and the dictionary of the 784,653 rarer words take
 * 100 MB, read in 18–20 s.
 *
 * Sessions written since the read are tracked (`TenantFacts.track`) and checked in SQL, the few a page
 * needs (a count, all of them); once they are more than POSTINGS_REREAD_SHARE of the tenant's, the
 * postings are read again (~20 s of a core per 5,000 sessions written at a million).
 */

/** A word in at least this share of a tenant's sessions has its postings held. */
export const POSTINGS_HELD_SHARE = 0.005;
/** A searched word or prefix whose rare words are in more sessions than this is not answered here. */
export const UNHELD_MAX_SESSIONS = 20_000;
/** … nor one whose rare words take more terms than this in the lookup's tsquery (`rareTerms`). */
const UNHELD_MAX_TERMS = 2_000;
/** The postings are read again once the sessions written since are this share of the tenant's. */
export const POSTINGS_REREAD_SHARE = 0.005;
/** … and no longer used once they are this share (each would be checked in SQL). */
const POSTINGS_STALE_SHARE = 0.1;
/**
 * How many searches' matches are kept (its pages, its total and filter lists, another order of it), and
 * for how long (as a search's sampled share: session-facts.ts, SHARE_KEEP_MS).
 */
const MATCHES_KEPT = 4;
export const MATCHES_KEEP_MS = 120_000;

/** A held word's sessions: a bitmap of rows (common words) or the rows, ascending. */
type Posting = { kind: 'bits'; bits: Uint32Array } | { kind: 'rows'; rows: Int32Array };

/**
 * The rarer words, sorted by UTF-16 code units, in one string (NUL between words, which a lexeme cannot
 * hold) with where each begins and how many sessions hold it: ~16 bytes a word instead of ~40 as strings.
 */
export class RareWords {
  private readonly text: string;
  private readonly starts: Int32Array;
  readonly counts: Int32Array;

  /**
   * `words` as PostgreSQL sorts them `COLLATE "C"` (by code point, which is UTF-16's order but for the
   * characters above U+FFFF): then only checked, in one pass. Sorting 785,000 words here held every
   * request of the process up for 1.5–3 s.
   */
  constructor(words: readonly string[], counts: readonly number[]) {
    const sorted = words.every((word, i) => i === 0 || words[i - 1]! < word);
    const order = sorted
      ? undefined
      : words.map((_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
    const inOrder = order ? order.map((i) => words[i]!) : words;
    this.starts = new Int32Array(words.length + 1);
    this.counts = order ? Int32Array.from(order, (i) => counts[i]!) : Int32Array.from(counts);
    let at = 0;
    for (let place = 0; place < inOrder.length; place++) {
      this.starts[place] = at;
      at += inOrder[place]!.length + 1;
    }
    this.starts[words.length] = at;
    this.text = inOrder.join('\0') + '\0';
  }

  get length(): number {
    return this.counts.length;
  }

  get bytes(): number {
    return this.text.length * 2 + this.starts.byteLength + this.counts.byteLength;
  }

  word(place: number): string {
    return this.text.slice(this.starts[place], this.starts[place + 1]! - 1);
  }

  /** The words equal to `lexeme` or, as a prefix, beginning with it, as places. */
  range(lexeme: string, prefix: boolean): [number, number] {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.word(middle) < lexeme) low = middle + 1;
      else high = middle;
    }
    let end = low;
    if (prefix) while (end < this.length && this.text.startsWith(lexeme, this.starts[end])) end++;
    else if (low < this.length && this.word(low) === lexeme) end++;
    return [low, end];
  }
}

/** A word, or every word it begins (`prefix`), for the search index to look up. */
export interface RareTerm {
  word: string;
  prefix: boolean;
}

/** The sessions holding any of some rare words: their ids, looked up in the search index. */
export type RareLookup = (terms: readonly RareTerm[]) => Promise<readonly string[]>;

export class WordPostings {
  readonly bytes: number;
  private readonly kept = new Map<string, { found: Uint8Array | undefined; at: number }>();

  /**
   * @param held the held words, sorted, and their postings
   * @param rare every other word of the tenant's documents
   * @param changed the rows written since the read began (checked in SQL)
   * @param heldAt how many rows the index held when the read began (later ones are written since)
   */
  constructor(
    private readonly held: { words: string[]; postings: Posting[] },
    private readonly rare: RareWords,
    readonly changed: Set<number>,
    readonly heldAt: number,
  ) {
    let bytes = rare.bytes;
    for (const posting of held.postings)
      bytes += posting.kind === 'bits' ? posting.bits.byteLength : posting.rows.byteLength;
    this.bytes = bytes;
  }

  /** What they were read from and hold (operations, tests). */
  summary() {
    return {
      sessions: this.heldAt,
      held: this.held.words.length,
      rare: this.rare.length,
      bytes: this.bytes,
      written: this.changed.size,
    };
  }

  /**
   * The rows of `matched` (the `size` the index holds now) whose sessions match by the postings
   * (`hits`, from `matches`), and those of `matched` the postings cannot say for (written since).
   */
  split(matched: Uint8Array, hits: Uint8Array, size: number): { pass: Uint8Array; unsure: number[] } {
    const pass = new Uint8Array(size);
    const sure = Math.min(this.heldAt, size);
    for (let row = 0; row < sure; row++) pass[row] = matched[row]! & hits[row]!;
    const unsure: number[] = [];
    for (const row of this.changed)
      if (row < sure && matched[row]) {
        pass[row] = 0;
        unsure.push(row);
      }
    for (let row = sure; row < size; row++) if (matched[row]) unsure.push(row);
    return { pass, unsure };
  }

  /** Whether the sessions written since the read are more than this share of those it was read from. */
  stale(share: number): boolean {
    return this.changed.size > share * Math.max(this.heldAt, 1);
  }

  /**
   * Which rows' sessions match every part (1) or not (0), as `search_document @@` the parts' tsquery
   * would, for the rows the postings stand for (read, not written since: `split`); undefined when the
   * parts are not words and prefixes under AND and OR (`readParts`; a phrase needs positions), or a
   * word's rare words are too many. Kept MATCHES_KEEP_MS by the index's clock (`now`); not to be changed.
   */
  async matches(
    parts: readonly TsqueryPart[],
    lookup: RareLookup,
    rowOf: (id: number) => number | undefined,
    now: number,
  ) {
    const key = JSON.stringify(parts);
    const kept = this.kept.get(key);
    this.kept.delete(key);
    if (kept && now - kept.at < MATCHES_KEEP_MS) {
      this.kept.set(key, kept);
      return kept.found;
    }
    const read = readParts(parts);
    const found = read && (await this.evaluate({ kind: 'and', of: read }, lookup, rowOf));
    if (this.kept.size >= MATCHES_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, { found, at: now });
    return found;
  }

  private async evaluate(
    node: WordNode,
    lookup: RareLookup,
    rowOf: (id: number) => number | undefined,
  ): Promise<Uint8Array | undefined> {
    if (node.kind === 'phrase') return undefined;
    if (node.kind === 'word') return this.words([node], lookup, rowOf);
    // Words and prefixes under OR (a Czech root's forms): marked in one pass, their rare words looked up
    // at once.
    const words = node.of.filter((child) => child.kind === 'word');
    if (node.kind === 'or' && words.length === node.of.length) return this.words(words, lookup, rowOf);
    let into: Uint8Array | undefined;
    for (const child of node.of) {
      const found = await this.evaluate(child, lookup, rowOf);
      if (!found) return undefined;
      if (!into) into = found;
      else if (node.kind === 'and')
        for (let row = 0; row < into.length; row++) into[row] = into[row]! & found[row]!;
      else for (let row = 0; row < into.length; row++) into[row] = into[row]! | found[row]!;
    }
    return into;
  }

  /**
   * The rows holding any of the words, or any word one of them begins (a prefix): held postings, then
   * the rare words' lookup (one for all of them); undefined when their rare words are too many.
   */
  private async words(
    searched: readonly { lexeme: string; prefix: boolean }[],
    lookup: RareLookup,
    rowOf: (id: number) => number | undefined,
  ): Promise<Uint8Array | undefined> {
    const terms: RareTerm[] = [];
    let sessions = 0;
    for (const { lexeme, prefix } of searched) {
      const [from, to] = this.rare.range(lexeme, prefix);
      for (let place = from; place < to; place++) sessions += this.rare.counts[place]!;
      if (sessions > UNHELD_MAX_SESSIONS) return undefined;
      const more = this.rareTerms(from, to, prefix ? lexeme.length : undefined);
      if (!more || terms.length + more.length > UNHELD_MAX_TERMS) return undefined;
      terms.push(...more);
    }
    // The rare words' sessions looked up while the held ones are marked.
    const found = terms.length > 0 ? lookup(terms) : Promise.resolve([]);
    const into = new Uint8Array(this.heldAt);
    const { words, postings } = this.held;
    for (const { lexeme, prefix } of searched)
      for (let at = lowerBound(words, lexeme); at < words.length; at++) {
        const word = words[at]!;
        if (prefix ? !word.startsWith(lexeme) : word !== lexeme) break;
        const posting = postings[at]!;
        if (posting.kind === 'rows') for (const row of posting.rows) into[row] = 1;
        else
          posting.bits.forEach((bits, i) => {
            for (let rest = bits; rest !== 0; rest &= rest - 1)
              into[i * 32 + 31 - Math.clz32(rest & -rest)] = 1;
          });
      }
    for (const id of await found) {
      const row = rowOf(Number(id));
      if (row !== undefined && row < into.length) into[row] = 1;
    }
    return into;
  }

  /**
   * The rare words from `from` to `to` as few terms for the search index: under a searched prefix (of
   * `least` characters), each as the shortest prefix of it that begins no held word — it then stands
   * for every rare word it begins, and the search index reads those words' few sessions only (a
   * thousand invoices' file names, `faktura-fv2026…pdf`, are `faktura-`:*); else, and when the word
   * begins a held one, the word itself. Undefined when they would be more than UNHELD_MAX_TERMS.
   */
  private rareTerms(from: number, to: number, least: number | undefined): RareTerm[] | undefined {
    const held = this.held.words;
    const begins = (text: string) => held[lowerBound(held, text)]?.startsWith(text) ?? false;
    const terms: RareTerm[] = [];
    let cover: string | undefined;
    for (let place = from; place < to; place++) {
      const word = this.rare.word(place);
      if (cover !== undefined && word.startsWith(cover)) continue;
      cover = undefined;
      if (least !== undefined)
        for (let length = least; length <= word.length && cover === undefined; length++)
          // Not between the halves of a character written as two (a byte prefix to PostgreSQL).
          if (!/[\uD800-\uDBFF]$/.test(word.slice(0, length)) && !begins(word.slice(0, length)))
            cover = word.slice(0, length);
      terms.push(cover === undefined ? { word, prefix: false } : { word: cover, prefix: true });
      if (terms.length > UNHELD_MAX_TERMS) return undefined;
    }
    return terms;
  }
}

/**
 * Calls `each` with every element of a PostgreSQL text array's output (`{a,"b c","say \"hi\""}`),
 * unquoted. PostgreSQL quotes an element with a space, comma, quote, backslash or brace, an empty one,
 * and one reading NULL; a plain word is never quoted but that last way.
 */
export function readTextArray(text: string, each: (element: string) => void): void {
  let at = 1;
  const end = text.length - 1;
  while (at < end) {
    if (text[at] === '"') {
      let element = '';
      at++;
      while (at < end && text[at] !== '"') {
        if (text[at] === '\\') at++;
        element += text[at++];
      }
      each(element);
      at += 2;
    } else {
      let next = text.indexOf(',', at);
      if (next < 0 || next > end) next = end;
      each(text.slice(at, next));
      at = next + 1;
    }
  }
}

export interface PostingsReadingOptions {
  log: Log;
  /** Tenants with fewer sessions get none (their matches are sorted in SQL soon enough). */
  minSessions: number;
  /** A word in this share of the sessions has its postings held (tests: lower). */
  heldShare?: number;
  /** The postings are read again once the sessions written since are this share (tests: higher). */
  rereadShare?: number;
  /** Whether the process has room for about this many bytes more (without dropping a tenant). */
  room: (bytes: number) => boolean;
  /** Drops other tenants while the process holds too much (postings just read weigh in). */
  evict: (keep: string) => void;
}

/** Roughly what postings weigh a session before they are read (~100 bytes at a million: see above). */
export const POSTINGS_SESSION_BYTES = 100;

/** The facet index's reads of postings (session-facts.ts holds one for all its tenants). */
export function postingsReading(db: Database, options: PostingsReadingOptions) {
  const { log, minSessions, room, evict } = options;
  const heldShare = options.heldShare ?? POSTINGS_HELD_SHARE;
  const rereadShare = options.rereadShare ?? POSTINGS_REREAD_SHARE;
  const reading = new Map<string, Promise<void>>();

  /**
   * Reads the tenant's postings in the background, in one snapshot: every word and how many sessions
   * hold it (`ts_stat`), then every document's words (`tsvector_to_array`), the held ones' rows kept
   * (~25 s at a million sessions, most of it PostgreSQL reading the documents).
   */
  function readSoon(tenantId: string, facts: TenantFacts): void {
    if (!/^\d+$/.test(tenantId)) return;
    const heldAt = facts.size;
    const started = Date.now();
    readBeside(reading, tenantId, facts, log, 'the postings of common words', async (changed) => {
      const postings = await withConnection(db, async ({ client }) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          const read = await readPostings(client, tenantId, facts, heldAt, heldShare);
          await client.query('COMMIT');
          return read;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
      const before = facts.postings;
      if (before) facts.untrack(before.changed);
      facts.postings = new WordPostings(postings.held, postings.rare, changed, heldAt);
      evict(tenantId);
      log.info(
        {
          tenantId,
          sessions: heldAt,
          held: postings.held.words.length,
          rare: postings.rare.length,
          bytes: facts.postings.bytes,
          ms: Date.now() - started,
        },
        'facet index read the postings of common words',
      );
    });
  }

  /** The sessions holding any of the words, by the search index (a tsquery of them, quoted). */
  function lookupOf(tenantId: string): RareLookup {
    return async (terms) => {
      const query = terms
        .map(
          ({ word, prefix }) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`,
        )
        .join(' | ');
      const result = await sql<{ id: string }>`
        SELECT s.id::text AS id FROM sessions s
        WHERE s.tenant_id = ${tenantId} AND s.search_document @@ ${query}::tsquery`.execute(db);
      return result.rows.map((row) => row.id);
    };
  }

  return {
    /**
     * The tenant's postings when current enough to use; read (again) in the background when missing or
     * when many sessions were written since, if the process has room. Undefined meanwhile, and for a
     * tenant with fewer than `minSessions` sessions.
     */
    postings(tenantId: string, facts: TenantFacts): WordPostings | undefined {
      if (facts.size < minSessions) return undefined;
      const postings = facts.postings;
      if ((!postings || postings.stale(rereadShare)) && !reading.has(tenantId)) {
        const weight = postings?.bytes ?? facts.size * POSTINGS_SESSION_BYTES;
        if (postings || room(weight)) readSoon(tenantId, facts);
      }
      return postings && !postings.stale(POSTINGS_STALE_SHARE) ? postings : undefined;
    },

    lookupOf,

    /** The reads under way (tests, benchmarks wait for them). */
    reads(): Promise<void>[] {
      return [...reading.values()];
    },
  };
}

/** Reads the dictionary and the held words' postings in the caller's snapshot (`readSoon`). */
async function readPostings(
  client: pg.ClientBase,
  tenantId: string,
  facts: TenantFacts,
  heldAt: number,
  heldShare: number,
) {
  const documents = `SELECT search_document FROM sessions WHERE tenant_id = ${tenantId}`;
  const least = Math.max(1, Math.ceil(heldShare * heldAt));
  // Every common word, a compound too (an e-mail address, `faktura.pdf`): a searched prefix may begin it.
  // Each row goes where it belongs as it arrives: 785,000 words at a million sessions, no list of all.
  const heldWords: { word: string; count: number }[] = [];
  const rareWords: string[] = [];
  const rareCounts: number[] = [];
  await readCopyText(
    copyOut(
      client,
      // Sorted by PostgreSQL, off this process's event loop (`RareWords`).
      { sql: `SELECT word, ndoc FROM ts_stat($1) ORDER BY word COLLATE "C"`, parameters: [documents] },
      '',
    ),
    (fields) => {
      const word = fields[0]!;
      const count = Number(fields[1]);
      if (count >= least) heldWords.push({ word, count });
      else {
        rareWords.push(word);
        rareCounts.push(count);
      }
    },
  );
  heldWords.sort((a, b) => (a.word < b.word ? -1 : 1));
  const rare = new RareWords(rareWords, rareCounts);
  // A bitmap where it is smaller than a list of rows: above one session in 32.
  const lists = heldWords.map(({ count }) =>
    count * 32 >= heldAt ? new Uint32Array(Math.ceil(heldAt / 32)) : new Int32Array(count),
  );
  const filled = new Int32Array(heldWords.length);
  const heldIndex = new Map(heldWords.map(({ word }, i) => [word, i]));
  await readCopyText(
    copyOut(
      client,
      {
        sql: `SELECT id, tsvector_to_array(search_document) FROM sessions WHERE tenant_id = $1`,
        parameters: [tenantId],
      },
      '',
    ),
    (fields) => {
      const row = facts.rowOf(Number(fields[0]));
      // A session the index does not hold yet, or added since the read began, is checked in SQL.
      if (row === undefined || row >= heldAt || fields[1] === null) return;
      readTextArray(fields[1]!, (word) => {
        const at = heldIndex.get(word);
        if (at === undefined) return;
        const list = lists[at]!;
        if (list instanceof Uint32Array) list[row >>> 5] = list[row >>> 5]! | (1 << (row & 31));
        else if (filled[at]! < list.length) list[filled[at]!++] = row;
      });
    },
  );
  const postings: Posting[] = lists.map((list, at) =>
    list instanceof Uint32Array
      ? { kind: 'bits', bits: list }
      : { kind: 'rows', rows: (filled[at] === list.length ? list : list.slice(0, filled[at])).sort() },
  );
  return { held: { words: heldWords.map(({ word }) => word), postings }, rare };
}
