/**
 * A light Czech stemmer for the query side of content search, after Dolamic & Savoy, "Indexing and
 * stemming approaches for the Czech language" (2009) — the "light" variant Lucene ships as
 * CzechStemmer: strip case and number endings, then possessive endings, never below a minimum root.
 *
 * It works on normalised words (lower case, no diacritics), because the index stores words that way
 * (text search configuration `sessiondesk` = simple + unaccent). The index is not stemmed; instead the
 * root is matched as a prefix, together with the root whose last consonant is palatalised or
 * de-palatalised (k↔c, h↔z, g↔z, ch↔š, sk↔šť, ck↔čť), so "objednávka" (root objednavk) also finds
 * "objednávce" (objednavc…) and "kniha" (knih) finds "knize" (kniz…). Without diacritics r/ř, c/č,
 * s/š, z/ž, t/ť, d/ď, n/ň are the same letter, so those alternations need nothing.
 */

/** Words shorter than this are not stemmed: the typed word itself is the prefix. */
export const MIN_STEMMED_LENGTH = 5;
/** A root is never shorter than this. */
export const MIN_ROOT_LENGTH = 3;

/** Case/number endings, longest first within each group; `min` is the word length the ending needs. */
const CASE_ENDINGS: readonly { min: number; endings: readonly string[] }[] = [
  { min: 8, endings: ['atech'] },
  { min: 7, endings: ['etem', 'atum'] },
  {
    min: 6,
    endings: [
      'ech',
      'ich',
      'eho',
      'emi',
      'emu',
      'ete',
      'eti',
      'iho',
      'imi',
      'imu',
      'ach',
      'ata',
      'aty',
      'ych',
      'ama',
      'ami',
      'ove',
      'ovi',
      'ymi',
    ],
  },
  { min: 5, endings: ['em', 'es', 'im', 'um', 'at', 'am', 'os', 'us', 'ym', 'mi', 'ou'] },
  { min: 4, endings: ['a', 'e', 'i', 'o', 'u', 'y'] },
];

/**
 * Possessive endings (-ov, -in); Lucene's -ův is left out: without diacritics it is -uv, which ends too
 * many plain roots (smlouv-a, mluv-it) to strip safely.
 */
const POSSESSIVE_ENDINGS = ['ov', 'in'] as const;

/** Lower case without diacritics: how the index stores words. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function removeCase(word: string): string {
  for (const { min, endings } of CASE_ENDINGS) {
    if (word.length < min) continue;
    for (const ending of endings) {
      if (word.endsWith(ending) && word.length - ending.length >= MIN_ROOT_LENGTH) {
        return word.slice(0, -ending.length);
      }
    }
  }
  return word;
}

function removePossessive(word: string): string {
  if (word.length < 6) return word;
  for (const ending of POSSESSIVE_ENDINGS) {
    if (word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/** The root of a normalised word (itself when it is short). */
export function czechRoot(normalised: string): string {
  if (normalised.length < MIN_STEMMED_LENGTH || !/^\p{L}+$/u.test(normalised)) return normalised;
  return removePossessive(removeCase(normalised));
}

/** Pairs of root endings that alternate in Czech inflection (already without diacritics). */
const ALTERNATIONS: readonly (readonly [string, string])[] = [
  ['ck', 'ct'],
  ['sk', 'st'],
  ['ch', 's'],
  ['k', 'c'],
  ['h', 'z'],
  ['g', 'z'],
];

/** The root and its palatalised / de-palatalised variants, each to be matched as a prefix. */
export function rootVariants(root: string): string[] {
  const variants = new Set([root]);
  if (root.length >= MIN_ROOT_LENGTH) {
    for (const [plain, palatal] of ALTERNATIONS) {
      if (root.endsWith(plain)) variants.add(root.slice(0, -plain.length) + palatal);
      if (root.endsWith(palatal)) variants.add(root.slice(0, -palatal.length) + plain);
    }
  }
  return [...variants].filter((variant) => variant.length >= Math.min(MIN_ROOT_LENGTH, root.length));
}

/**
 * Every prefix a typed word should match: the word itself, its root and the root's variants,
 * without prefixes that another one already covers.
 */
export function searchPrefixes(word: string): string[] {
  const normalised = normaliseWord(word);
  const candidates = [normalised, ...rootVariants(czechRoot(normalised))];
  const unique = [...new Set(candidates)].sort((a, b) => a.length - b.length);
  return unique.filter(
    (prefix, index) => !unique.slice(0, index).some((shorter) => prefix.startsWith(shorter)),
  );
}
