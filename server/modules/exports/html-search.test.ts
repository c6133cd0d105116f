import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { searchForms } from '../search/czech-stemmer';
import { HTML_SEARCH_NEEDLES } from './html-document';

/** The HTML file's own search, run in Node exactly as the inline script defines it. */
const needles = vm.runInNewContext(`${HTML_SEARCH_NEEDLES}; needles;`) as (typed: string) => string[];
const norm = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
const fileFinds = (typed: string, text: string) =>
  needles(typed).some((needle) => norm(text).includes(needle));
const appFinds = (typed: string, word: string) => {
  const { prefixes, exact } = searchForms(typed);
  return prefixes.some((prefix) => norm(word).startsWith(prefix)) || exact.includes(norm(word));
};

describe("the HTML export's offline search", () => {
  it('ignores case and diacritics', () => {
    expect(fileFinds('PRISLUSI', 'Sleva vám přísluší.')).toBe(true);
    expect(fileFinds('objednávk', 'Kde je má OBJEDNAVKA?')).toBe(true);
  });

  // Pairs the app finds through the fleeting e; the file must find them too.
  it.each([
    ['objednávek', 'Kde je má objednávka?'],
    ['objednávka', 'Historie objednávek'],
    ['zásilek', 'Vaše zásilka je na cestě'],
    ['zásilka', 'Stav zásilek'],
    ['poboček', 'Pobočka v Brně'],
    ['výpadku', 'V Ostravě je výpadek sítě'],
    ['výpadek', 'Po výpadku restartujte'],
    ['dárku', 'Dárek doručíme do pátku'],
    ['dárek', 'Ke každému dárku přidáme přání'],
    ['účet', 'Připíšeme na účtu'],
    ['účtu', 'Váš účet je odblokovaný'],
    ['plateb', 'Platba neprošla'],
    ['okna', 'Montáž oken ve středu'],
  ])('%s finds "%s", as in the app', (typed, text) => {
    const word = text.split(/\s+/).find((token) => appFinds(typed, token.replace(/[^\p{L}]/gu, '')));
    expect(word, `the app finds ${typed} in "${text}"`).toBeDefined();
    expect(fileFinds(typed, text)).toBe(true);
  });

  it('keeps several words and other text as one substring', () => {
    expect(needles('dobrý den')).toEqual(['dobry den']);
    expect(needles('CZ1234567890')).toEqual(['cz1234567890']);
    expect(needles('  ')).toEqual([]);
  });
});
