import { normaliseWord, searchForms, type SearchForms } from './czech-stemmer';

/**
 * Turns what a user typed into the search box into PostgreSQL tsquery text for the `sessiondesk`
 * configuration. Only sanitised lexemes reach PostgreSQL: words are split on anything that is not a
 * letter or digit, so operators (`& | ! : * ( ) < >`), quotes, backslashes and emoji never become tsquery
 * syntax, and each lexeme is single-quoted. The number of terms and their length are capped, so no input
 * can produce a tsquery error or an expensive query.
 *
 * - a word: the word itself, its Czech root and the root's variants, each as a prefix (`'objedn':*`),
 *   and the forms the Czech alternations give as whole words (`'objednavek'`; see README.md here);
 * - several words: all must occur (AND);
 * - "a quoted phrase": its normalised words in exactly this sequence (`<->`), no prefixes;
 * - a compound such as a file name, e-mail, URL or hyphenated number (`smlouva_2025.pdf`,
 *   `jan@firma.cz`, `https://eshop.cz/kosik`, `2025-0042`): PostgreSQL's parser indexes those whole or
 *   in its own pieces (host, email, file, url_path, signed int tokens), so beside all of its words the
 *   whole lower-cased compound is also tried as a prefix, and as PostgreSQL's own phrase of it
 *   (`phraseto_tsquery`); a URL's scheme is dropped, as the index drops it.
 */

export const MAX_TERMS = 8;
export const MAX_PHRASE_WORDS = 8;
export const MAX_WORD_LENGTH = 60;

export type ContentTerm =
  | ({ kind: 'word'; word: string } & SearchForms)
  | { kind: 'phrase'; words: string[] }
  | { kind: 'compound'; compound: string; words: ({ word: string } & SearchForms)[] };

/** One term as SQL needs it: tsquery text for to_tsquery('sessiondesk', …), and a literal alternative. */
export interface TsqueryPart {
  /** For `to_tsquery('sessiondesk', parsed)`. */
  parsed: string;
  /** A tsquery literal (`'lexeme':*`, for a `::tsquery` cast) that also satisfies the term, or null. */
  literal: string | null;
  /**
   * Text for `phraseto_tsquery('sessiondesk', …)` that also satisfies the term, or null: a compound parsed
   * by PostgreSQL exactly as the index parsed it (a URL's host and path, `2025-0042` as 2025 and -0042).
   */
  phrase: string | null;
}

export interface ContentQuery {
  terms: ContentTerm[];
  /** Every part must match somewhere in the session (AND); any part marks a hit (OR). */
  parts: TsqueryPart[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const CONNECTED = /^[\p{L}\p{N}]+(?:[._@/+-]+[\p{L}\p{N}]+)+$/u;

function words(text: string): string[] {
  return (text.match(WORD) ?? [])
    .map((word) => normaliseWord(word).slice(0, MAX_WORD_LENGTH))
    .filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
}

/** A lexeme made of letters, digits (and, for compounds, . _ @ / + -); quoting keeps it one operand. */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/['\\]/g, '')}'`;
}

const formGroup = (forms: SearchForms): string =>
  `(${[...forms.prefixes.map((prefix) => `${quote(prefix)}:*`), ...forms.exact.map(quote)].join(' | ')})`;

function termPart(term: ContentTerm): TsqueryPart {
  switch (term.kind) {
    case 'phrase':
      return { parsed: `(${term.words.map(quote).join(' <-> ')})`, literal: null, phrase: null };
    case 'word':
      return { parsed: formGroup(term), literal: null, phrase: null };
    case 'compound':
      return {
        parsed: `(${term.words.map(formGroup).join(' & ')})`,
        literal: `${quote(term.compound)}:*`,
        phrase: term.compound,
      };
  }
}

/** Parses a search box input; undefined when it holds no word at all (only punctuation, emoji, …). */
export function parseContentQuery(input: string): ContentQuery | undefined {
  const terms: ContentTerm[] = [];
  const seen = new Set<string>();
  const add = (key: string, term: ContentTerm): void => {
    if (terms.length < MAX_TERMS && !seen.has(key)) {
      seen.add(key);
      terms.push(term);
    }
  };
  const addWord = (word: string): void => add(word, { kind: 'word', word, ...searchForms(word) });

  // Quoted parts are phrases; an unbalanced quote just ends the input.
  const parts = input.slice(0, 10_000).split('"');
  parts.forEach((part, index) => {
    const inQuotes = index % 2 === 1 && index < parts.length - 1;
    if (inQuotes) {
      const partWords = words(part).slice(0, MAX_PHRASE_WORDS);
      if (partWords.length > 0) add(`"${partWords.join(' ')}`, { kind: 'phrase', words: partWords });
      return;
    }
    for (const chunk of part.split(/\s+/)) {
      // A URL's scheme is not indexed (PostgreSQL's parser drops https://); its host and path are.
      const trimmed = chunk
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      const chunkWords = words(trimmed);
      if (chunkWords.length > 1 && CONNECTED.test(trimmed) && trimmed.length <= 200) {
        const compound = trimmed.toLowerCase();
        add(compound, {
          kind: 'compound',
          compound,
          words: chunkWords.map((word) => ({ word, ...searchForms(word) })),
        });
      } else {
        chunkWords.forEach(addWord);
      }
    }
  });
  if (terms.length === 0) return undefined;
  return { terms, parts: terms.map(termPart) };
}
