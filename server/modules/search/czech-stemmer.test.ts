import { describe, expect, it } from 'vitest';
import { czechRoot, normaliseWord, rootVariants, searchPrefixes } from './czech-stemmer';
import { MAX_TERMS, parseContentQuery } from './content-query';
import { parseHeadline } from './snippet';

/** Would the prefixes of `typed` match the indexed (normalised) form of `word`? */
const finds = (typed: string, word: string): boolean =>
  searchPrefixes(typed).some((prefix) => normaliseWord(word).startsWith(prefix));

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

describe('the content query parser', () => {
  it('requires every word, each as a set of prefixes', () => {
    const query = parseContentQuery('Objednávka faktura');
    expect(query?.parts).toEqual([
      { parsed: "('objednavk':* | 'objednavc':*)", literal: null },
      { parsed: "('faktur':*)", literal: null },
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
      "('dobr':*)",
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
      { parsed: "(('smlouv':*) & ('2025':*) & ('pdf':*))", literal: "'smlouva_2025.pdf':*" },
    ]);
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
