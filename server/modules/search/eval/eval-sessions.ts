/**
 * The evaluation set's sessions: short, realistic transcripts of an e-shop's and a telco's contact
 * centre, in Czech and English, written for this set. Each line alternates client / operator, starting
 * with the client; a line starting with `file:` is a file the client sent. Which sessions a query must
 * find is decided by people (the word lists in eval-queries.ts), never by the search rules under test.
 */
export interface EvalSession {
  name: string;
  channel: 'webchat' | 'whatsapp' | 'messenger' | 'phone';
  lines: string[];
}

export const evalSessions: EvalSession[] = [
  {
    name: 'cs-order-late',
    channel: 'webchat',
    lines: [
      'Dobrý den, moje objednávka číslo 48151623 ještě nedorazila.',
      'Dobrý den, podívám se na to. Objednávka byla odeslána v pondělí.',
      'Můžete mi poslat číslo zásilky?',
      'Číslo zásilky je CZ1234567890, zásilka je na cestě.',
    ],
  },
  {
    name: 'cs-orders-many',
    channel: 'webchat',
    lines: [
      'Mám v účtu pět objednávek a žádnou nevidím v přehledu.',
      'Historie objednávek se načítá až po přihlášení, zkuste to prosím znovu.',
    ],
  },
  {
    name: 'cs-order-change',
    channel: 'whatsapp',
    lines: [
      'Chtěla bych změnit adresu v objednávce.',
      'V objednávce jsem adresu změnil, potvrzení vám přijde e-mailem.',
    ],
  },
  {
    name: 'cs-order-cancel',
    channel: 'messenger',
    lines: ['Jak zruším objednávku?', 'Objednávku zrušíte v sekci Moje objednávky, nebo ji zruším za vás.'],
  },
  {
    name: 'cs-order-pay',
    channel: 'webchat',
    lines: [
      'Zaplatil jsem za objednávku kartou, ale platba se nezobrazuje.',
      'Platba kartou se připisuje do druhého dne, pak se objednávka uvolní k odeslání.',
    ],
  },
  {
    name: 'cs-order-verb',
    channel: 'webchat',
    lines: [
      'Včera jsem si objednal dva stoly, kdy dorazí?',
      'Objednané zboží expedujeme do tří pracovních dnů.',
    ],
  },
  {
    name: 'cs-order-adjective',
    channel: 'phone',
    lines: ['Nefunguje mi objednávkový formulář.', 'Formulář opravujeme, zatím vám pomůžu po telefonu.'],
  },
  {
    name: 'cs-parcel-lost',
    channel: 'phone',
    lines: [
      'Zásilka mi nepřišla, kurýr prý nikoho nezastihl.',
      'Zásilku jsme vrátili na pobočku, můžete si ji vyzvednout.',
    ],
  },
  {
    name: 'cs-parcels-where',
    channel: 'webchat',
    lines: [
      'Kde najdu stav svých zásilek?',
      'Přehled zásilek je v aplikaci, u každé zásilky vidíte její polohu.',
    ],
  },
  {
    name: 'cs-parcel-damaged',
    channel: 'whatsapp',
    lines: [
      'Na zásilce byla roztržená páska a uvnitř rozbitý hrnek.',
      'To je mi líto, se zásilkou sepíšeme reklamaci.',
    ],
  },
  {
    name: 'cs-branch-hours',
    channel: 'webchat',
    lines: ['Jakou otevírací dobu má pobočka v Brně?', 'Pobočka v Brně má otevřeno od 8 do 18 hodin.'],
  },
  {
    name: 'cs-branches-list',
    channel: 'messenger',
    lines: ['Kolik máte poboček v Praze?', 'V Praze máme šest poboček, seznam najdete na webu.'],
  },
  {
    name: 'cs-branch-pickup',
    channel: 'webchat',
    lines: ['Můžu si zboží vyzvednout na pobočce?', 'Ano, vyzvednutí na pobočce je zdarma.'],
  },
  {
    name: 'cs-outage',
    channel: 'phone',
    lines: [
      'Od rána nejde internet, máte nějaký výpadek?',
      'Ano, v Ostravě je výpadek sítě, technici na něm pracují.',
    ],
  },
  {
    name: 'cs-outage-after',
    channel: 'webchat',
    lines: ['Po tom včerejším výpadku mi nejde televize.', 'Po výpadku je potřeba restartovat set-top box.'],
  },
  {
    name: 'cs-outages-month',
    channel: 'whatsapp',
    lines: [
      'Tento měsíc jsem měl už tři výpadky, chci slevu.',
      'Za výpadky vám připíšeme kompenzaci na účet.',
    ],
  },
  {
    name: 'cs-gift',
    channel: 'webchat',
    lines: ['Objednala jsem dárek pro syna, stihne to do Vánoc?', 'Dárek doručíme do pátku.'],
  },
  {
    name: 'cs-gift-wrap',
    channel: 'webchat',
    lines: ['Můžete dárky zabalit?', 'Ano, ke každému dárku přidáme přání a balení.'],
  },
  {
    name: 'cs-gift-voucher',
    channel: 'messenger',
    lines: ['Jak dlouho platí dárkový poukaz?', 'Poukaz platí jeden rok od nákupu.'],
  },
  {
    name: 'cs-donor',
    channel: 'phone',
    lines: [
      'Volám za nadaci, jsme pravidelný dárce a chceme změnit částku.',
      'Rozumím, dárce si částku změní ve svém profilu.',
    ],
  },
  {
    name: 'cs-account-blocked',
    channel: 'webchat',
    lines: [
      'Zablokoval se mi účet po třech pokusech o přihlášení.',
      'Účet jsem odblokoval, nastavte si prosím nové heslo.',
    ],
  },
  {
    name: 'cs-account-money',
    channel: 'phone',
    lines: ['Peníze z účtu odešly dvakrát.', 'Vidím dvě platby z vašeho účtu, jednu vám vrátíme.'],
  },
  {
    name: 'cs-accountant',
    channel: 'webchat',
    lines: [
      'Naše účetní potřebuje fakturu za březen.',
      'Faktura za březen je v příloze.',
      'file:faktura_2025_03.pdf',
    ],
  },
  {
    name: 'cs-invoice-missing',
    channel: 'whatsapp',
    lines: ['Ve faktuře chybí DIČ.', 'Opravím to, nová faktura přijde do hodiny.'],
  },
  {
    name: 'cs-invoices-all',
    channel: 'webchat',
    lines: ['Potřebuju kopie všech faktur za loňský rok.', 'Faktury vám pošlu na e-mail jan.novak@firma.cz.'],
  },
  {
    name: 'cs-invoice-pay',
    channel: 'webchat',
    lines: [
      'Jak zaplatím fakturu převodem?',
      'Fakturu zaplatíte na účet uvedený v patičce, variabilní symbol je číslo faktury.',
    ],
  },
  {
    name: 'cs-fact',
    channel: 'messenger',
    lines: ['Je fakt, že dodáváte i na Slovensko?', 'Ano, na Slovensko doručujeme do dvou dnů.'],
  },
  {
    name: 'cs-complaint',
    channel: 'webchat',
    lines: [
      'Chci podat reklamaci, kniha přišla poškozená.',
      'Ke knize pošlete foto, reklamací se zabývá kolega.',
    ],
  },
  {
    name: 'cs-complaint-state',
    channel: 'phone',
    lines: ['Jak dlouho trvá vyřízení reklamace?', 'Reklamace vyřizujeme do třiceti dnů.'],
  },
  {
    name: 'cs-complaint-verb',
    channel: 'webchat',
    lines: ['Chci reklamovat boty, rozlepila se podrážka.', 'Boty pošlete zpět s vyplněným formulářem.'],
  },
  {
    name: 'cs-payment-failed',
    channel: 'webchat',
    lines: ['Platba neprošla, banka ji zamítla.', 'Zkuste platbu zopakovat nebo zvolte platbu převodem.'],
  },
  {
    name: 'cs-payments-history',
    channel: 'whatsapp',
    lines: ['Kde vidím přehled plateb?', 'Přehled plateb je v účtu pod záložkou Platby.'],
  },
  { name: 'cs-pay-verb', channel: 'phone', lines: ['Kdy musím zaplatit?', 'Splatnost je čtrnáct dní.'] },
  {
    name: 'cs-password',
    channel: 'webchat',
    lines: [
      'Zapomněla jsem heslo.',
      'Heslo si obnovíte odkazem na stránce https://eshop.example.cz/zapomenute-heslo',
    ],
  },
  {
    name: 'cs-passwords',
    channel: 'messenger',
    lines: [
      'Kolik hesel si mám pamatovat? Každá služba chce jiné.',
      'Doporučujeme správce hesel, přihlášení heslem pak zvládnete snadno.',
    ],
  },
  {
    name: 'cs-house',
    channel: 'phone',
    lines: [
      'Bydlím v rodinném domě a kurýr nenašel vchod.',
      'Kurýr zvoní u domu číslo 12, upřesněte prosím popis.',
    ],
  },
  {
    name: 'cs-house-nom',
    channel: 'webchat',
    lines: ['Náš dům nemá číslo popisné, jen evidenční.', 'Evidenční číslo stačí, uveďte ho v adrese.'],
  },
  {
    name: 'cs-houses',
    channel: 'webchat',
    lines: [
      'Doručujete i do domů bez výtahu?',
      'Ano, těžké zásilky do domů bez výtahu vynášíme za příplatek.',
    ],
  },
  {
    name: 'cs-agree',
    channel: 'webchat',
    lines: ['Můžeme se domluvit na jiném termínu?', 'Domluva je možná, termín přesunu na čtvrtek.'],
  },
  {
    name: 'cs-table',
    channel: 'webchat',
    lines: ['Stůl přišel bez šroubů.', 'Šrouby ke stolu pošleme zvlášť.'],
  },
  {
    name: 'cs-table-assembly',
    channel: 'phone',
    lines: ['Nabízíte montáž stolu?', 'Montáž stolů nabízíme v Praze a Brně.'],
  },
  {
    name: 'cs-century',
    channel: 'messenger',
    lines: ['Je ta komoda opravdu z minulého století?', 'Ano, je to originál z dvacátého století.'],
  },
  {
    name: 'cs-horse',
    channel: 'webchat',
    lines: ['Houpací kůň má ulomené ucho.', 'Pošlete fotku koně, vyměníme ho.'],
  },
  {
    name: 'cs-horse-dat',
    channel: 'webchat',
    lines: ['Ke koni chybí návod.', 'Návod k houpacímu koni je ke stažení na webu.'],
  },
  {
    name: 'cs-contact',
    channel: 'webchat',
    lines: ['Jaký je kontakt na technickou podporu?', 'Kontaktujte nás na čísle 800 123 456.'],
  },
  {
    name: 'cs-snow',
    channel: 'phone',
    lines: ['Kdy přijede kurýr? Napadlo hodně sněhu.', 'Kvůli sněhu jsou zásilky zpožděné o den.'],
  },
  {
    name: 'cs-snow-nom',
    channel: 'whatsapp',
    lines: ['Sníh zavalil cestu, kurýr nemůže dojet.', 'Rozumím, doručení přesuneme.'],
  },
  {
    name: 'cs-week',
    channel: 'webchat',
    lines: ['Zboží potřebuju do týdne.', 'Do konce týdne to stihneme.'],
  },
  {
    name: 'cs-week-nom',
    channel: 'webchat',
    lines: ['Čekám už týden na vrácení peněz.', 'Vrácení peněz trvá obvykle dva týdny.'],
  },
  {
    name: 'cs-end',
    channel: 'phone',
    lines: ['Na konci hovoru mi vypadl signál.', 'Omlouvám se, hovor jsme ukončili koncem směny.'],
  },
  { name: 'cs-end-finally', channel: 'webchat', lines: ['Konečně to funguje, děkuji.', 'Rádo se stalo.'] },
  {
    name: 'cs-numbers',
    channel: 'webchat',
    lines: [
      'Jaké je číslo mé smlouvy?',
      'Číslo smlouvy je 2025-0042, najdete ho i ve smlouvě v příloze.',
      'file:smlouva_2025.pdf',
    ],
  },
  {
    name: 'cs-numbers-many',
    channel: 'phone',
    lines: [
      'Mám dvě telefonní čísla a chci je převést na jednu smlouvu.',
      'Převod čísel vyřídím, pošlu vám novou smlouvu k podpisu.',
    ],
  },
  {
    name: 'cs-contract-end',
    channel: 'webchat',
    lines: ['Chci vypovědět smlouvu.', 'Výpověď smlouvy pošlete poštou nebo se smlouvou přijďte na pobočku.'],
  },
  {
    name: 'cs-delivery',
    channel: 'webchat',
    lines: ['Kolik stojí doručení na adresu?', 'Doručení stojí 89 Kč, nad 1500 Kč je zdarma.'],
  },
  {
    name: 'cs-delivery-instr',
    channel: 'messenger',
    lines: [
      'S doručením mám problém, nejsem přes den doma.',
      'Zvolte doručení na pobočku nebo do výdejního boxu.',
    ],
  },
  {
    name: 'cs-book',
    channel: 'webchat',
    lines: ['Objednal jsem knihu, ale přišly dvě knihy.', 'Druhou knihu si nechte, je to naše chyba.'],
  },
  {
    name: 'cs-card',
    channel: 'phone',
    lines: ['Ztratil jsem kartu, chci ji zablokovat.', 'Kartu jsem zablokoval, nová karta přijde poštou.'],
  },
  {
    name: 'cs-cards',
    channel: 'webchat',
    lines: ['Kolik karet můžu mít k jednomu účtu?', 'K účtu můžete mít až tři karty.'],
  },
  {
    name: 'cs-windows',
    channel: 'phone',
    lines: ['Objednal jsem výměnu oken, kdy přijede montér?', 'Montáž oken je naplánována na středu.'],
  },
  {
    name: 'cs-window',
    channel: 'webchat',
    lines: ['Okno v obýváku netěsní.', 'Na okna dáváme pětiletou záruku, technik přijede.'],
  },
  {
    name: 'cs-work',
    channel: 'webchat',
    lines: ['Kolik stojí hodina práce technika?', 'Za hodinu práce účtujeme 600 Kč.'],
  },
  {
    name: 'cs-work-instr',
    channel: 'phone',
    lines: ['Jsem teď v práci, můžete zavolat večer?', 'Zavolám po sedmé, s prací na opravě začneme zítra.'],
  },
  {
    name: 'cs-names',
    channel: 'webchat',
    lines: [
      'Dobrý den, jmenuji se Jana Nováková a volám za pana Nováka.',
      'Dobrý den, paní Nováková, panu Novákovi pošlu potvrzení.',
    ],
  },
  {
    name: 'cs-names-dvorak',
    channel: 'phone',
    lines: ['Tady Petr Dvořák, mám dotaz k objednávce.', 'Dobrý den, pane Dvořáku, jak vám mohu pomoci?'],
  },
  {
    name: 'cs-email',
    channel: 'webchat',
    lines: [
      'Nechodí mi e-maily na adresu petra.svobodova@example.com.',
      'Adresu petra.svobodova@example.com jsem ověřil, zkontrolujte spam.',
    ],
  },
  {
    name: 'cs-url',
    channel: 'webchat',
    lines: [
      'Na stránce https://eshop.example.cz/kosik mi nejde tlačítko Zaplatit.',
      'Košík opravujeme, zkuste prosím jiný prohlížeč.',
    ],
  },
  {
    name: 'cs-phone-number',
    channel: 'phone',
    lines: ['Moje číslo je +420 777 123 456.', 'Zavolám vám zpátky na 777 123 456.'],
  },
  {
    name: 'cs-tracking',
    channel: 'whatsapp',
    lines: ['Sledovací číslo CZ9876543210 nefunguje.', 'Číslo CZ9876543210 bude aktivní zítra.'],
  },
  {
    name: 'cs-typo-client',
    channel: 'webchat',
    lines: ['Kde je moje objendavka?', 'Vaši objednávku právě balíme.'],
  },
  {
    name: 'cs-greeting-only',
    channel: 'webchat',
    lines: ['Dobrý den, děkuji, už nic nepotřebuji.', 'Hezký den.'],
  },
  {
    name: 'cs-wifi',
    channel: 'phone',
    lines: [
      'Wi-Fi router bliká červeně.',
      'Router restartujte tlačítkem reset, Wi-Fi naskočí do dvou minut.',
    ],
  },
  {
    name: 'cs-eshop',
    channel: 'webchat',
    lines: ['Váš e-shop mi nejde otevřít v mobilu.', 'E-shop aktualizujeme, za hodinu poběží.'],
  },
  {
    name: 'en-order-late',
    channel: 'webchat',
    lines: [
      'Hello, my order has not been delivered yet.',
      'Sorry about that, your order is on its way; delivery is expected tomorrow.',
    ],
  },
  {
    name: 'en-orders',
    channel: 'messenger',
    lines: ['I placed two orders by mistake.', 'I cancelled the second one; only one order remains.'],
  },
  {
    name: 'en-ordered',
    channel: 'webchat',
    lines: [
      'I ordered a table but received a chair.',
      'We will send the table you ordered and collect the chair.',
    ],
  },
  {
    name: 'en-delivery',
    channel: 'webchat',
    lines: ['How much is delivery to Slovakia?', 'Deliveries to Slovakia cost 5 EUR.'],
  },
  {
    name: 'en-invoice',
    channel: 'whatsapp',
    lines: [
      'Could you send me the invoice again?',
      'Invoice sent to john.smith@example.org.',
      'file:invoice-2025-118.pdf',
    ],
  },
  {
    name: 'en-invoices',
    channel: 'webchat',
    lines: ['Our accounting needs all invoices from last year.', 'I have exported the invoices for you.'],
  },
  {
    name: 'en-refund',
    channel: 'phone',
    lines: [
      'When will I get my refund?',
      'Refunds are processed within five days; yours was refunded today.',
    ],
  },
  {
    name: 'en-password',
    channel: 'webchat',
    lines: ['I forgot my password.', 'Use the reset link; the new password must have 12 characters.'],
  },
  {
    name: 'en-account',
    channel: 'webchat',
    lines: ['My account is locked.', 'I unlocked your account, please sign in again.'],
  },
  {
    name: 'en-outage',
    channel: 'phone',
    lines: [
      'Is there an outage in Prague?',
      'Yes, there was a network outage this morning; it is fixed now.',
    ],
  },
  {
    name: 'en-good-morning',
    channel: 'webchat',
    lines: [
      'Good morning, I have a question about my parcel.',
      'Good morning! The parcel number is CZ1234567890.',
    ],
  },
  {
    name: 'en-morning-good',
    channel: 'webchat',
    lines: ['This morning the parcel looked good.', 'Good to hear.'],
  },
  {
    name: 'en-complaint',
    channel: 'webchat',
    lines: [
      'I want to file a complaint, the book arrived damaged.',
      'Please send a photo of the damaged book.',
    ],
  },
  {
    name: 'mixed-cs-en',
    channel: 'webchat',
    lines: [
      'Hi, píšu česky i anglicky: my order, moje objednávka 55512.',
      'Objednávka 55512 je zaplacená, the payment arrived.',
    ],
  },
];
