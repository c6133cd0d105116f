/**
 * Czech (and a little English) morphology for the query side of content search. The index is not
 * stemmed: it stores words lower-cased without diacritics (text search configuration `sessiondesk` =
 * simple + unaccent), so a typed word becomes a small set of prefixes and whole words that cover its
 * inflected forms (`searchForms`). The rules, with examples and sources, are in README.md here:
 *
 * - a light stemmer after Dolamic & Savoy, "Indexing and stemming approaches for the Czech language"
 *   (2009) — the "light" variant Lucene ships as CzechStemmer: strip case and number endings, then
 *   possessive endings, never below a minimum root;
 * - the root's last consonant palatalised or de-palatalised (k↔c, h↔z, g↔z, ch↔š, sk↔šť, ck↔čť), so
 *   "objednávka" (objednavk) also finds "objednávce" (objednavc…);
 * - the fleeting e both ways (dárek/dárku, objednávka/objednávek), ů↔o and í↔ě in one-syllable roots
 *   (dům/domu, sníh/sněhu), roots of three letters as whole words with endings, English -s/-ed/-ing.
 *
 * Without diacritics r/ř, c/č, s/š, z/ž, t/ť, d/ď, n/ň and the vowel lengths á/a, é/e, í/i, ú/u are the
 * same letter, so those alternations need nothing.
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

const CONSONANT = /^[bcdfghjklmnpqrstvwxz]$/;
const isConsonant = (char: string | undefined): boolean => char !== undefined && CONSONANT.test(char);
const VOWEL_COUNT = (word: string): number => (word.match(/[aeiouy]+/g) ?? []).length;

/**
 * The consonants after which Czech has a fleeting e (pohyblivé e): dárek/dárku, konec/konce,
 * orel/orla, týden/týdne, plateb/platba, karet/karta, sester/sestra, mrkev/mrkve.
 */
export const FLEETING_E_FINALS = 'kclnbtrv';

/**
 * The base the alternation rules work on: the root, and for a four-letter word ending in a vowel
 * (too short for the stemmer) the word without that vowel, so účtu (uctu) → uct, domu → dom, okna → okn.
 */
export function alternationBase(normalised: string): string {
  if (!/^[a-z]+$/.test(normalised)) return normalised;
  if (normalised.length === 4 && /[aeiouy]$/.test(normalised) && isConsonant(normalised[2])) {
    return normalised.slice(0, 3);
  }
  return czechRoot(normalised);
}

/**
 * Fleeting e dropped: a base ending consonant + e + one of FLEETING_E_FINALS loses the e, and the
 * result is matched as a prefix (the inflected forms carry endings): dárek → dark (dárku, dárky),
 * objednávek → objednavk, účet → uct (účtu), konec → konc (konce). Bases under four letters are left
 * alone (pes, den would become a two-letter prefix).
 */
export function withoutFleetingE(base: string): string | undefined {
  if (base.length < 4 || !/^[a-z]+$/.test(base)) return undefined;
  const last = base.at(-1) ?? '';
  if (!FLEETING_E_FINALS.includes(last) || base.at(-2) !== 'e' || !isConsonant(base.at(-3))) return undefined;
  return base.slice(0, -2) + last;
}

/**
 * Fleeting e inserted: a base ending in two consonants, the last one of FLEETING_E_FINALS, gets the e
 * back. That form has no ending (nominative or genitive plural), so it is matched as a whole word,
 * not a prefix: výpadku → vypadek, objednávka → objednavek, účtu → ucet, okna → oken, platba → plateb.
 */
export function withFleetingE(base: string): string | undefined {
  if (base.length < 3 || !/^[a-z]+$/.test(base)) return undefined;
  const last = base.at(-1) ?? '';
  if (!FLEETING_E_FINALS.includes(last) || !isConsonant(base.at(-2)) || last === base.at(-2))
    return undefined;
  // ch is one consonant in Czech, but c+h never take a fleeting e between them.
  if (base.endsWith('ch')) return undefined;
  return `${base.slice(0, -1)}e${last}`;
}

/** Roots this short are matched as whole words with SHORT_ROOT_ENDINGS, never as prefixes. */
export const MAX_SHORT_ROOT_LENGTH = 3;

/**
 * Noun and adjective endings (without diacritics) a short root is tried with, as whole words:
 * dom → dom, domu, domem, domy, domech, domům; kon → koně, koni, koněm, koních.
 */
export const SHORT_ROOT_ENDINGS = [
  '',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
  'ou',
  'em',
  'am',
  'um',
  'im',
  'ach',
  'ech',
  'ich',
  'ami',
  'emi',
  'mi',
  'ovi',
  'ove',
  'eho',
  'emu',
  'ych',
  'ym',
  'ymi',
] as const;

/** The endings after a palatalised consonant (knize, objednávce, dárcích). */
const PALATAL_ENDINGS = ['e', 'i', 'ich'] as const;

/** Forms the rules would produce but that are common unrelated words: buď (from bod), doma (from dům). */
const NOT_GENERATED = new Set(['bud', 'doma']);

export interface VowelForms {
  /** Whole words to match (a short root with each of SHORT_ROOT_ENDINGS, or a zero-ending form). */
  exact: string[];
}

/**
 * Vowel-length alternations inside a one-syllable root (quantitative alternations):
 * - ů ↔ o: the long ů of a form without ending alternates with o before endings: dům/domu,
 *   stůl/stolu, kůň/koně, vůz/vozu, nůž/nože, dvůr/dvora;
 * - í ↔ ě: sníh/sněhu, vítr/větru (větru → vítr is not tried: in a two-consonant tail ě is mostly
 *   not an alternation, heslo, sestra; a three-letter ě root is left alone, because tem → tím,
 *   mel → mil would pull in common unrelated words).
 * Without diacritics these are u ↔ o and i ↔ e. The long form stands only without an ending, so the
 * short-vowel root is tried with the usual endings (as whole words, since a three-letter prefix such as
 * kon would match konec, kontakt, …), and the long-vowel form as a whole word.
 * á/a, é/e, í/i, ú/u (práce/prací, mléko, kámen/kamene) need nothing: the index has no diacritics.
 */
export function vowelForms(base: string, typedHasEnding: boolean): VowelForms {
  const exact: string[] = [];
  if (!/^[a-z]+$/.test(base) || base.length < 3 || VOWEL_COUNT(base) !== 1) return { exact };
  const match = /^([a-z]*[bcdfghjklmnpqrstvwxz])([uoie])([bcdfghjklmnpqrstvwxz]{1,2})$/.exec(base);
  if (!match) return { exact };
  const [, head = '', vowel, tail = ''] = match;
  if (head.endsWith('o') || head.endsWith('u')) return { exact };
  const long = { o: 'u', e: 'i' } as const;
  const short = { u: 'o', i: 'e' } as const;
  // The long forms are short words (dům, stůl, dvůr, sníh, vítr); smluv is ou/u, not ů/o.
  if (!typedHasEnding && (vowel === 'u' || vowel === 'i') && base.length <= 4) {
    // dům → domu, sníh → sněhu; vítr → větru (větr has no bare form, so only with endings).
    if (tail.length === 2 && vowel === 'u') return { exact };
    const root = head + short[vowel] + tail;
    for (const ending of SHORT_ROOT_ENDINGS.slice(tail.length === 1 ? 0 : 1)) exact.push(root + ending);
  } else if (typedHasEnding && tail.length === 1 && (vowel === 'o' || (vowel === 'e' && base.length >= 4))) {
    // domu → dům, sněhu → sníh.
    exact.push(head + long[vowel] + tail);
  }
  return { exact: exact.filter((form) => !NOT_GENERATED.has(form)) };
}

/**
 * ou ↔ u in the last syllable of a longer root: the genitive plural of a feminine noun in -ouCa
 * shortens ou to u (smlouva – smluv, mouka – muk). Typed with an ending (`smlouvy`): the short form as a
 * whole word; typed without (`smluv`): the ou root as a prefix. Only for roots of five letters or more
 * (soud/sud, kus/kousek are no alternations).
 */
export function diphthongForms(
  base: string,
  typedHasEnding: boolean,
): { prefixes: string[]; exact: string[] } {
  const none = { prefixes: [], exact: [] };
  if (!/^[a-z]+$/.test(base) || base.length < 5) return none;
  const match = /^([a-z]*?)(ou|u)([bcdfghjklmnpqrstvwxz])$/.exec(base);
  if (!match) return none;
  const [, head = '', vowel, tail = ''] = match;
  if (!/[bcdfghjklmnpqrstvwxz]$/.test(head)) return none;
  if (typedHasEnding && vowel === 'ou') return { prefixes: [], exact: [`${head}u${tail}`] };
  if (!typedHasEnding && vowel === 'u') return { prefixes: [`${head}ou${tail}`], exact: [] };
  return none;
}

/** At most this many prefixes and whole words per typed word: a short word cannot explode the query. */
export const MAX_FORMS_PER_WORD = 32;

export interface SearchForms {
  /** Matched as prefixes (`'objednavk':*`). */
  prefixes: string[];
  /** Matched as whole words (`'objednavek'`). */
  exact: string[];
}

/**
 * English plural, past tense and gerund, after Harman's S-stemmer ("How effective is suffixing?",
 * JASIS 42, 1991) with -ed and -ing: invoices → invoice, deliveries → delivery, ordered → order,
 * parcels → parcel. Czech words rarely end so (the length limits keep dnes, přes, soused whole).
 */
export function englishRoot(normalised: string): string | undefined {
  const word = normalised;
  if (!/^[a-z]+$/.test(word)) return undefined;
  if (word.length >= 5 && word.endsWith('ies') && !/[ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (word.length >= 7 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length >= 7 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length >= 5 && word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.length >= 5 && word.endsWith('s') && !/(us|ss)$/.test(word)) return word.slice(0, -1);
  return undefined;
}

/**
 * What a typed word should match: the word itself, its root and the root's palatalised variants and
 * its fleeting-e form without the e as prefixes; a root of three letters or fewer as whole words with
 * the usual endings (a prefix kon would match konec, kontakt); the fleeting-e form with the e and the
 * vowel-length alternates as whole words. Forms another prefix already covers are dropped; the list
 * is capped.
 */
export function searchForms(word: string): SearchForms {
  const normalised = normaliseWord(word);
  const base = alternationBase(normalised);
  const prefixCandidates = [normalised];
  const exactCandidates: string[] = [];
  const addRoots = (root: string): void => {
    rootVariants(root).forEach((variant, index) => {
      if (variant.length > MAX_SHORT_ROOT_LENGTH) prefixCandidates.push(variant);
      else if (variant.length === normalised.length) prefixCandidates.push(variant);
      else
        for (const ending of index === 0 ? SHORT_ROOT_ENDINGS : PALATAL_ENDINGS)
          exactCandidates.push(variant + ending);
    });
  };
  addRoots(czechRoot(normalised));
  if (base !== czechRoot(normalised)) addRoots(base);
  const dropped = withoutFleetingE(base);
  if (dropped !== undefined) addRoots(dropped);
  const english = englishRoot(normalised);
  if (english !== undefined) {
    prefixCandidates.push(english);
    addRoots(czechRoot(english));
  }
  prefixCandidates.push(...diphthongForms(base, base !== normalised).prefixes);
  const unique = [...new Set(prefixCandidates)].sort((a, b) => a.length - b.length);
  const prefixes = unique.filter(
    (prefix, index) => !unique.slice(0, index).some((shorter) => prefix.startsWith(shorter)),
  );

  for (const root of [base, ...rootVariants(base), ...(dropped === undefined ? [] : [dropped])]) {
    const inserted = withFleetingE(root);
    if (inserted !== undefined) exactCandidates.push(inserted);
  }
  exactCandidates.push(...vowelForms(base, base !== normalised).exact);
  exactCandidates.push(...diphthongForms(base, base !== normalised).exact);
  const exact = [...new Set(exactCandidates)].filter(
    (form) =>
      form.length >= 3 && !NOT_GENERATED.has(form) && !prefixes.some((prefix) => form.startsWith(prefix)),
  );

  const cappedPrefixes = prefixes.slice(0, MAX_FORMS_PER_WORD);
  return { prefixes: cappedPrefixes, exact: exact.slice(0, MAX_FORMS_PER_WORD - cappedPrefixes.length) };
}

/** The prefixes of `searchForms` (kept for callers that match prefixes only). */
export function searchPrefixes(word: string): string[] {
  return searchForms(word).prefixes;
}
