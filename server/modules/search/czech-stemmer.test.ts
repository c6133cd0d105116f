import { describe, expect, it } from 'vitest';
import {
  MAX_FORMS_PER_WORD,
  czechRoot,
  normaliseWord,
  rootVariants,
  searchForms,
  vowelForms,
  withFleetingE,
  withoutFleetingE,
} from './czech-stemmer';
import { MAX_TERMS, parseContentQuery } from './content-query';
import { parseHeadline } from './snippet';

/** Would the forms of `typed` match the indexed (normalised) form of `word`, as the tsquery does? */
const finds = (typed: string, word: string): boolean => {
  const { prefixes, exact } = searchForms(typed);
  const indexed = normaliseWord(word);
  return prefixes.some((prefix) => indexed.startsWith(prefix)) || exact.includes(indexed);
};

describe('the Czech light stemmer', () => {
  it('normalises to lower case without diacritics, as the index stores words', () => {
    expect(normaliseWord('Přísluší')).toBe('prislusi');
    expect(normaliseWord('ŽLUŤOUČKÝ kůň')).toBe('zlutoucky kun');
  });

  it.each([
    ['objednávka', 'objednavk'],
    ['objednávky', 'objednavk'],
    ['objednávkou', 'objednavk'],
    ['objednávce', 'objednavc'],
    ['faktura', 'faktur'],
    ['faktuře', 'faktur'],
    ['reklamace', 'reklamac'],
    ['reklamací', 'reklamac'],
    ['kniha', 'knih'],
    ['knize', 'kniz'],
    ['doručení', 'dorucen'],
    ['doručením', 'dorucen'],
    ['přísluší', 'prislus'],
    ['smlouvou', 'smlouv'],
  ])('reduces %s to the root %s', (word, root) => {
    expect(czechRoot(normaliseWord(word))).toBe(root);
  });

  it('leaves short words alone', () => {
    expect(czechRoot('auto')).toBe('auto');
    expect(czechRoot('ok')).toBe('ok');
  });

  it('adds the palatalised and de-palatalised forms of the last consonant', () => {
    expect(rootVariants('objednavk')).toContain('objednavc');
    expect(rootVariants('objednavc')).toContain('objednavk');
    expect(rootVariants('knih')).toContain('kniz');
    expect(rootVariants('kniz')).toContain('knih');
  });

  const inflections: [string, string[]][] = [
    ['objednávka', ['objednávka', 'objednávky', 'objednávce', 'objednávkou', 'objednávku']],
    ['objednávce', ['objednávka', 'objednávky', 'objednávkou']],
    ['faktura', ['faktury', 'faktuře', 'fakturu', 'fakturou']],
    ['reklamace', ['reklamací', 'reklamacemi']],
    ['kniha', ['knize', 'knihy', 'knihou']],
    ['knize', ['kniha', 'knihy']],
    ['doručení', ['doručením', 'doručení']],
    ['prislusi', ['přísluší']],
    ['objedn', ['objednávka', 'objednávky', 'objednávce']],
  ];
  it.each(inflections)('%s finds its inflected forms', (typed, forms) => {
    for (const form of forms) expect(finds(typed, form), `${typed} → ${form}`).toBe(true);
  });

  it('does not find unrelated words', () => {
    expect(finds('faktura', 'fakt')).toBe(false);
    expect(finds('kniha', 'knoflík')).toBe(false);
    expect(finds('objednávka', 'objekt')).toBe(false);
  });
});

describe('the fleeting e (pohyblivé e)', () => {
  it.each([
    ['darek', 'dark'],
    ['objednavek', 'objednavk'],
    ['ucet', 'uct'],
    ['konec', 'konc'],
    ['tyden', 'tydn'],
    ['plateb', 'platb'],
    ['hesel', 'hesl'],
  ])('drops the e of %s, giving the prefix %s', (base, dropped) => {
    expect(withoutFleetingE(base)).toBe(dropped);
  });

  it.each([
    ['vypadk', 'vypadek'],
    ['objednavk', 'objednavek'],
    ['uct', 'ucet'],
    ['okn', 'oken'],
    ['platb', 'plateb'],
    ['sestr', 'sester'],
  ])('puts the e back into %s, giving the word %s', (base, inserted) => {
    expect(withFleetingE(base)).toBe(inserted);
  });

  it('leaves words without the pattern alone', () => {
    expect(withoutFleetingE('pes')).toBeUndefined();
    expect(withoutFleetingE('faktur')).toBeUndefined();
    expect(withoutFleetingE('problem')).toBeUndefined();
    expect(withFleetingE('faktur')).toBeUndefined();
    expect(withFleetingE('knih')).toBeUndefined();
    expect(withFleetingE('mluvn')).toBe('mluven');
  });

  const both: [string, string[]][] = [
    ['objednávek', ['objednávka', 'objednávky', 'objednávce', 'objednávkou', 'objednávek']],
    ['objednávka', ['objednávek']],
    ['zásilek', ['zásilka', 'zásilku', 'zásilce', 'zásilek']],
    ['zásilka', ['zásilek']],
    ['poboček', ['pobočka', 'pobočky', 'pobočce', 'poboček']],
    ['výpadku', ['výpadek', 'výpadky', 'výpadkem']],
    ['výpadek', ['výpadku', 'výpadky']],
    ['dárku', ['dárek', 'dárky']],
    ['dárek', ['dárku', 'dárkem']],
    ['účet', ['účtu', 'účtem', 'účty']],
    ['účtu', ['účet']],
    ['konec', ['konce', 'koncem']],
    ['týdne', ['týden', 'týdnu']],
    ['plateb', ['platba', 'platby', 'platbou']],
    ['platba', ['plateb']],
    ['hesla', ['hesel', 'heslo']],
    ['čísel', ['číslo', 'čísla']],
    ['okna', ['oken']],
    ['objednavek', ['objednávka']],
  ];
  it.each(both)('%s finds its forms with and without the e', (typed, forms) => {
    for (const form of forms) expect(finds(typed, form), `${typed} → ${form}`).toBe(true);
  });

  it('matches the form with the e as a whole word, not as a prefix', () => {
    expect(searchForms('objednávka').exact).toContain('objednavek');
    expect(finds('objednávka', 'objednavekxyz')).toBe(false);
    expect(finds('dárku', 'dárková')).toBe(true);
    expect(finds('dárku', 'darebák')).toBe(false);
  });
});

describe('vowel-length alternations in one-syllable roots', () => {
  const pairs: [string, string[]][] = [
    ['dům', ['domu', 'domem', 'domy', 'domech', 'domům']],
    ['dum', ['domu']],
    ['domu', ['dům']],
    ['stůl', ['stolu', 'stole', 'stolem']],
    ['stolu', ['stůl']],
    ['kůň', ['koně', 'koni', 'koněm']],
    ['koně', ['kůň']],
    ['vůz', ['vozu', 'vozem']],
    ['sníh', ['sněhu', 'sněhem']],
    ['sněhu', ['sníh']],
    ['vítr', ['větru', 'větrem']],
    ['práce', ['prací', 'práci', 'prácemi']],
    ['prací', ['práce']],
    ['kámen', ['kamene', 'kamenem']],
  ];
  it.each(pairs)('%s finds its alternating forms', (typed, forms) => {
    for (const form of forms) expect(finds(typed, form), `${typed} → ${form}`).toBe(true);
  });

  it('tries a short alternated root only with case endings, as whole words', () => {
    expect(finds('kůň', 'konec')).toBe(false);
    expect(finds('kůň', 'kontakt')).toBe(false);
    expect(finds('dům', 'domluvit')).toBe(false);
    expect(finds('stůl', 'století')).toBe(false);
  });

  it('leaves longer roots and function words alone', () => {
    expect(vowelForms('objednavk', true).exact).toEqual([]);
    expect(vowelForms('faktur', true).exact).toEqual([]);
    expect(vowelForms('bod', true).exact).toEqual([]);
    expect(finds('bodu', 'buď')).toBe(false);
  });
});

describe('short roots and English endings', () => {
  it.each([
    ['koně', ['koni', 'koněm', 'kůň'], ['kontakt', 'konto']],
    ['domem', ['domu', 'domy', 'dům'], ['domluva', 'domluvit']],
    ['účty', ['účtu', 'účtem', 'účet'], ['účtujeme']],
    ['okna', ['okno', 'oknu', 'oken'], ['oknoplast']],
    ['brno', ['brně', 'brna'], ['brnění']],
    ['auto', ['auta', 'autem'], []],
  ])('%s: a root of three letters is tried with endings as whole words', (typed, finds_, not) => {
    for (const form of finds_) expect(finds(typed, form), `${typed} → ${form}`).toBe(true);
    for (const form of not) expect(finds(typed, form), `${typed} ↛ ${form}`).toBe(false);
  });

  it.each([
    ['invoices', 'invoice'],
    ['deliveries', 'delivery'],
    ['ordered', 'order'],
    ['refunded', 'refund'],
    ['passwords', 'password'],
    ['ordering', 'order'],
  ])('%s finds %s (English plural, past tense, gerund)', (typed, word) => {
    expect(finds(typed, word)).toBe(true);
  });

  it('keeps short Czech words ending like English ones whole', () => {
    expect(searchForms('dnes').prefixes).not.toContain('dne');
    expect(searchForms('přes').prefixes).not.toContain('pre');
    expect(finds('soused', 'sousta')).toBe(false);
  });
});

describe('ou ↔ u (smlouva – smluv)', () => {
  it.each([
    ['smlouva', ['smluv', 'smlouvy']],
    ['smlouvy', ['smluv']],
    ['smluv', ['smlouva', 'smlouvě', 'smlouvou']],
  ])('%s finds %j', (typed, forms) => {
    for (const form of forms) expect(finds(typed, form), `${typed} → ${form}`).toBe(true);
  });

  it('leaves short roots alone (soud is no sud, kus no kousek)', () => {
    expect(finds('soudu', 'sud')).toBe(false);
    expect(finds('kus', 'kousek')).toBe(false);
    expect(searchForms('smluv').exact).toEqual([]);
  });
});

describe('the cap on forms per word', () => {
  it.each(['dům', 'objednávek', 'poboček', 'sníh', 'x', 'ab', 'stůl', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxx'])(
    'gives at most %s forms',
    (word) => {
      const { prefixes, exact } = searchForms(word);
      expect(prefixes.length + exact.length).toBeLessThanOrEqual(MAX_FORMS_PER_WORD);
      expect(prefixes.length).toBeGreaterThan(0);
      for (const form of [...prefixes, ...exact]) expect(form).toMatch(/^[\p{L}\p{N}]+$/u);
    },
  );

  it('never gives a prefix shorter than the word or three letters', () => {
    for (const word of ['ucet', 'okna', 'dárek', 'pes', 'den', 'kus']) {
      for (const prefix of searchForms(word).prefixes) {
        expect(prefix.length).toBeGreaterThanOrEqual(Math.min(3, normaliseWord(word).length));
      }
    }
  });
});

describe('the content query parser', () => {
  it('requires every word, each as a set of prefixes', () => {
    const query = parseContentQuery('Objednávka faktura');
    expect(query?.parts).toEqual([
      {
        parsed: "('objednavk':* | 'objednavc':* | 'objednavek' | 'objednavec')",
        literal: null,
        phrase: null,
      },
      { parsed: "('faktur':*)", literal: null, phrase: null },
    ]);
  });

  it('turns a quoted phrase into an exact sequence', () => {
    expect(parseContentQuery('"dobrý den" faktura')?.parts.map((part) => part.parsed)).toEqual([
      "('dobry' <-> 'den')",
      "('faktur':*)",
    ]);
  });

  it('treats an unbalanced quote as ordinary words', () => {
    expect(parseContentQuery('"dobrý den')?.parts.map((part) => part.parsed)).toEqual([
      "('dobr':* | 'dober')",
      "('den':*)",
    ]);
  });

  it.each([
    ['operators', `a & b | !c :* (d) <e> 'f' "g" \\h`],
    ['only punctuation', '!!! ??? &&& ||| ::: ***'],
    ['emoji', '😀 🚀 👍🏽'],
    ['quotes', `'''"""'''`],
  ])('keeps only letters and digits from %s', (_name, input) => {
    const query = parseContentQuery(input);
    const text = (query?.parts ?? []).map((part) => `${part.parsed} ${part.literal ?? ''}`).join(' ');
    for (const lexeme of text.match(/'[^']*'/g) ?? []) expect(lexeme).toMatch(/^'[\p{L}\p{N}._@/+-]+'$/u);
    expect(text.replace(/'[^']*'/g, '')).toMatch(/^[\s()&|:*<>-]*$/);
  });

  it('also tries a file name or e-mail as one whole lexeme', () => {
    expect(parseContentQuery('smlouva_2025.pdf')?.parts).toEqual([
      {
        parsed: "(('smlouv':* | 'smluv') & ('2025':*) & ('pdf':*))",
        literal: "'smlouva_2025.pdf':*",
        phrase: 'smlouva_2025.pdf',
      },
    ]);
  });

  it("drops a URL's scheme, as the index does, and keeps the rest as one compound", () => {
    const [part] = parseContentQuery('https://eshop.example.cz/kosik')?.parts ?? [];
    expect(part?.literal).toBe("'eshop.example.cz/kosik':*");
    expect(part?.phrase).toBe('eshop.example.cz/kosik');
    expect(parseContentQuery('2025-0042')?.parts[0]?.phrase).toBe('2025-0042');
  });

  it('returns nothing for input without words', () => {
    expect(parseContentQuery('!!! 😀 ()')).toBeUndefined();
    expect(parseContentQuery('')).toBeUndefined();
  });

  it('caps the number of terms and their length', () => {
    const query = parseContentQuery(
      `${'slovo'.repeat(500)} ${Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ')}`,
    );
    expect(query?.terms.length).toBe(MAX_TERMS);
    expect(JSON.stringify(query?.parts).length).toBeLessThan(2000);
  });
});

describe('snippets', () => {
  it('turns a headline into marked segments without HTML', () => {
    expect(parseHeadline('Vaše \u0001objednávka\u0002 <b>je</b> na cestě')).toEqual([
      { text: 'Vaše ', hit: false },
      { text: 'objednávka', hit: true },
      { text: ' <b>je</b> na cestě', hit: false },
    ]);
  });

  it('joins fragments with an ellipsis', () => {
    expect(parseHeadline('a \u0001b\u0002\u0003c')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' … c', hit: false },
    ]);
  });
});
