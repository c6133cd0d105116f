import { parseContentQuery, type ContentQuery, type TsqueryPart } from './content-query';
import { normaliseWord, searchForms } from './czech-stemmer';

/**
 * "Did you mean": for a search that finds nothing or very little, whole queries with one unknown word
 * replaced by a similar word of the tenant's own vocabulary. Nothing is ever searched instead of what
 * was typed; the suggestions are offered, and each is checked first to find more sessions in the
 * caller's own scope (filters, view, and the sessions an operator may see — so the vocabulary, which is
 * the whole tenant's, never reveals a word from a session the caller cannot open).
 */

/** A search finding at most this many sessions gets suggestions. */
export const FEW_RESULTS = 3;
/** At most this many suggestions, and words of the query looked at. */
export const MAX_SUGGESTIONS = 3;
const MAX_WORDS_CHECKED = 4;
/** Candidates read from the vocabulary per word, and the trigram similarity they need. */
const CANDIDATES = 30;
const SIMILARITY = 0.25;

export interface SuggestionSources {
  /** Vocabulary words similar to a normalised word, most similar first. */
  similarWords(word: string, limit: number, threshold: number): Promise<string[]>;
  /**
   * How many sessions of the caller's scope match the parts, counted up to `cap` (more: `cap + 1`;
   * undefined: could not tell within the budget).
   */
  hits(parts: TsqueryPart[], cap: number): Promise<number | undefined>;
}

/** Edit distance with adjacent transpositions (optimal string alignment): fakutra → faktura is 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** How far a suggestion may be from the typed word: one edit in short words, up to three in long ones. */
export const maxDistance = (word: string): number => (word.length <= 5 ? 1 : word.length <= 9 ? 2 : 3);

/** Would the typed word's own forms already match this vocabulary word? */
function alreadyFound(typed: string, word: string): boolean {
  const { prefixes, exact } = searchForms(typed);
  return prefixes.some((prefix) => word.startsWith(prefix)) || exact.includes(word);
}

/** The input with every occurrence of a (normalised) word replaced. */
export function replaceWord(input: string, word: string, replacement: string): string {
  return input.replace(/[\p{L}\p{N}]+/gu, (token) => (normaliseWord(token) === word ? replacement : token));
}

export async function suggestQueries(
  input: string,
  query: ContentQuery,
  sources: SuggestionSources,
): Promise<string[]> {
  const suggestions: string[] = [];
  const words = query.terms
    .flatMap((term, index) => (term.kind === 'word' ? [{ word: term.word, part: query.parts[index] }] : []))
    .filter(({ word }) => /^\p{L}{4,40}$/u.test(word))
    .slice(0, MAX_WORDS_CHECKED);
  for (const { word, part } of words) {
    if (suggestions.length >= MAX_SUGGESTIONS || !part) break;
    // A word that finds enough on its own is not the problem.
    const own = await sources.hits([part], FEW_RESULTS);
    if (own === undefined || own > FEW_RESULTS) continue;
    const candidates = (await sources.similarWords(word, CANDIDATES, SIMILARITY))
      .filter((candidate) => candidate !== word && !alreadyFound(word, candidate))
      .map((candidate, rank) => ({ candidate, rank, distance: editDistance(word, candidate) }))
      .filter(({ distance }) => distance <= maxDistance(word))
      .sort((a, b) => a.distance - b.distance || a.rank - b.rank);
    // One suggestion per word as searched: zásilek and zásilka search the same sessions.
    const offered: string[] = [];
    for (const { candidate } of candidates) {
      if (suggestions.length >= MAX_SUGGESTIONS || offered.length >= 2) break;
      if (offered.some((other) => alreadyFound(other, candidate) || alreadyFound(candidate, other))) continue;
      const replaced = parseContentQuery(candidate)?.parts[0];
      if (!replaced) continue;
      // Offered only when it finds more than the typed word does, in the caller's own scope.
      const found = await sources.hits([replaced], own);
      if (found === undefined || found <= own) continue;
      offered.push(candidate);
      const suggestion = replaceWord(input, word, candidate);
      if (!suggestions.includes(suggestion)) suggestions.push(suggestion);
    }
  }
  return suggestions;
}
