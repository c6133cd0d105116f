/**
 * The evaluation set's queries. Most are generated from word families: every listed form of a word,
 * typed with and without diacritics, must find exactly the sessions that contain any form of that word
 * (judged on the transcript's own words, not by the search rules under test); derived words
 * (objednávkový, účetní, dárce, konečně) and look-alikes (kontakt, století) do not count. The rest are
 * written by hand: phrases, several words, names, numbers, e-mail addresses, URLs, file names, typos.
 */

export interface WordFamily {
  /** The word as a dictionary lists it. */
  lemma: string;
  /** Every form that counts as this word, lower case, with diacritics. */
  forms: string[];
}

export const czechFamilies: WordFamily[] = [
  {
    lemma: 'objednávka',
    forms: [
      'objednávka',
      'objednávky',
      'objednávce',
      'objednávku',
      'objednávkou',
      'objednávek',
      'objednávkám',
      'objednávkách',
      'objednávkami',
    ],
  },
  {
    lemma: 'zásilka',
    forms: [
      'zásilka',
      'zásilky',
      'zásilce',
      'zásilku',
      'zásilkou',
      'zásilek',
      'zásilkám',
      'zásilkách',
      'zásilkami',
    ],
  },
  {
    lemma: 'pobočka',
    forms: ['pobočka', 'pobočky', 'pobočce', 'pobočku', 'pobočkou', 'poboček', 'pobočkám', 'pobočkách'],
  },
  { lemma: 'výpadek', forms: ['výpadek', 'výpadku', 'výpadkem', 'výpadky', 'výpadků', 'výpadcích'] },
  { lemma: 'dárek', forms: ['dárek', 'dárku', 'dárkem', 'dárky', 'dárků', 'dárcích'] },
  { lemma: 'účet', forms: ['účet', 'účtu', 'účtem', 'účty', 'účtů', 'účtech'] },
  {
    lemma: 'faktura',
    forms: ['faktura', 'faktury', 'faktuře', 'fakturu', 'fakturou', 'faktur', 'fakturám', 'fakturách'],
  },
  {
    lemma: 'reklamace',
    forms: ['reklamace', 'reklamaci', 'reklamací', 'reklamacemi', 'reklamacím', 'reklamacích'],
  },
  {
    lemma: 'platba',
    forms: ['platba', 'platby', 'platbě', 'platbu', 'platbou', 'plateb', 'platbám', 'platbách'],
  },
  { lemma: 'heslo', forms: ['heslo', 'hesla', 'heslu', 'heslem', 'hesel', 'heslech'] },
  { lemma: 'dům', forms: ['dům', 'domu', 'domě', 'domem', 'domy', 'domů', 'domům', 'domech'] },
  { lemma: 'stůl', forms: ['stůl', 'stolu', 'stole', 'stolem', 'stoly', 'stolů', 'stolům', 'stolech'] },
  { lemma: 'kůň', forms: ['kůň', 'koně', 'koni', 'koněm', 'koních', 'koňmi'] },
  { lemma: 'sníh', forms: ['sníh', 'sněhu', 'sněhem'] },
  { lemma: 'týden', forms: ['týden', 'týdne', 'týdnu', 'týdnem', 'týdny', 'týdnů'] },
  { lemma: 'konec', forms: ['konec', 'konce', 'konci', 'koncem'] },
  { lemma: 'číslo', forms: ['číslo', 'čísla', 'čísle', 'číslu', 'číslem', 'čísel', 'číslech'] },
  { lemma: 'doručení', forms: ['doručení', 'doručením'] },
  { lemma: 'smlouva', forms: ['smlouva', 'smlouvy', 'smlouvě', 'smlouvu', 'smlouvou', 'smluv'] },
  { lemma: 'kniha', forms: ['kniha', 'knihy', 'knize', 'knihu', 'knihou', 'knih'] },
  { lemma: 'karta', forms: ['karta', 'karty', 'kartě', 'kartu', 'kartou', 'karet'] },
  { lemma: 'okno', forms: ['okno', 'okna', 'oknu', 'oknem', 'oken', 'oknech'] },
  { lemma: 'práce', forms: ['práce', 'práci', 'prací', 'pracemi'] },
];

export const englishFamilies: WordFamily[] = [
  { lemma: 'order', forms: ['order', 'orders', 'ordered'] },
  { lemma: 'deliver', forms: ['deliver', 'delivered', 'delivery', 'deliveries'] },
  { lemma: 'invoice', forms: ['invoice', 'invoices'] },
  { lemma: 'refund', forms: ['refund', 'refunds', 'refunded'] },
  { lemma: 'password', forms: ['password', 'passwords'] },
  { lemma: 'account', forms: ['account', 'accounts'] },
  { lemma: 'outage', forms: ['outage', 'outages'] },
  { lemma: 'parcel', forms: ['parcel', 'parcels'] },
  { lemma: 'book', forms: ['book', 'books'] },
];

export type HandQuery =
  /** Must find exactly these sessions. */
  | { kind: 'sessions'; q: string; expect: string[] }
  /** Must find the sessions holding every one of these families (several words). */
  | { kind: 'families'; q: string; lemmas: string[] }
  /** A phrase: the sessions whose words contain this sequence. */
  | { kind: 'phrase'; q: string };

export const handQueries: HandQuery[] = [
  { kind: 'phrase', q: '"dobrý den"' },
  { kind: 'phrase', q: '"dobry den"' },
  { kind: 'phrase', q: '"číslo zásilky"' },
  { kind: 'phrase', q: '"good morning"' },
  { kind: 'phrase', q: '"přehled plateb"' },
  { kind: 'phrase', q: '"doručení na pobočku"' },
  { kind: 'families', q: 'objednávka platba', lemmas: ['objednávka', 'platba'] },
  { kind: 'families', q: 'zásilka sníh', lemmas: ['zásilka', 'sníh'] },
  { kind: 'families', q: 'faktura účet', lemmas: ['faktura', 'účet'] },
  { kind: 'families', q: 'faktur účtu', lemmas: ['faktura', 'účet'] },
  { kind: 'families', q: 'order delivery', lemmas: ['order', 'deliver'] },
  { kind: 'families', q: 'smlouvu čísel', lemmas: ['smlouva', 'číslo'] },
  { kind: 'families', q: 'poboček zásilek', lemmas: ['pobočka', 'zásilka'] },
  { kind: 'sessions', q: 'petra.svobodova@example.com', expect: ['cs-email'] },
  { kind: 'sessions', q: 'jan.novak@firma.cz', expect: ['cs-invoices-all'] },
  { kind: 'sessions', q: 'john.smith@example.org', expect: ['en-invoice'] },
  { kind: 'sessions', q: 'eshop.example.cz', expect: ['cs-password', 'cs-url'] },
  { kind: 'sessions', q: 'https://eshop.example.cz/kosik', expect: ['cs-url'] },
  { kind: 'sessions', q: '48151623', expect: ['cs-order-late'] },
  { kind: 'sessions', q: 'CZ1234567890', expect: ['cs-order-late', 'en-good-morning'] },
  { kind: 'sessions', q: 'cz9876543210', expect: ['cs-tracking'] },
  { kind: 'sessions', q: '777 123 456', expect: ['cs-phone-number'] },
  { kind: 'sessions', q: '55512', expect: ['mixed-cs-en'] },
  { kind: 'sessions', q: '2025-0042', expect: ['cs-numbers'] },
  { kind: 'sessions', q: 'smlouva_2025.pdf', expect: ['cs-numbers'] },
  { kind: 'sessions', q: 'faktura_2025_03.pdf', expect: ['cs-accountant'] },
  { kind: 'sessions', q: 'invoice-2025-118.pdf', expect: ['en-invoice'] },
  { kind: 'sessions', q: 'Nováková', expect: ['cs-names'] },
  { kind: 'sessions', q: 'Novák', expect: ['cs-names'] },
  { kind: 'sessions', q: 'Novákovi', expect: ['cs-names'] },
  { kind: 'sessions', q: 'Dvořák', expect: ['cs-names-dvorak'] },
  { kind: 'sessions', q: 'dvoraku', expect: ['cs-names-dvorak'] },
  { kind: 'sessions', q: 'Jana', expect: ['cs-names'] },
  { kind: 'sessions', q: 'Petr', expect: ['cs-names-dvorak'] },
  { kind: 'sessions', q: 'Wi-Fi', expect: ['cs-wifi'] },
  { kind: 'sessions', q: 'e-shop', expect: ['cs-eshop'] },
  { kind: 'sessions', q: 'set-top box', expect: ['cs-outage-after'] },
  { kind: 'sessions', q: 'Brno', expect: ['cs-branch-hours', 'cs-table-assembly'] },
  { kind: 'sessions', q: 'Praha', expect: ['cs-branches-list', 'cs-table-assembly'] },
  { kind: 'sessions', q: 'kontakt', expect: ['cs-contact'] },
  { kind: 'sessions', q: 'objendavka', expect: ['cs-typo-client'] },
  { kind: 'sessions', q: 'fakutra', expect: [] },
  { kind: 'sessions', q: 'reklamcae', expect: [] },
  { kind: 'sessions', q: 'pasword', expect: [] },
  { kind: 'sessions', q: 'zasilak', expect: [] },
  { kind: 'sessions', q: 'objednávka reklamace', expect: [] },
  { kind: 'sessions', q: '"den dobrý"', expect: [] },
  { kind: 'sessions', q: '"morning good"', expect: [] },
];

/** Typos with the word "did you mean" must offer (the first suggestion). */
export const typoSuggestions: { q: string; suggestion: string }[] = [
  { q: 'fakutra', suggestion: 'faktura' },
  { q: 'reklamcae', suggestion: 'reklamace' },
  { q: 'pasword', suggestion: 'password' },
  { q: 'zasilak', suggestion: 'zasilka' },
];
