/**
 * What the generated sessions say: Czech and English conversations about orders, complaints, invoices,
 * delivery, returns, payments and accounts, with the inflected Czech forms and diacritics that content
 * search must find ("objednávka/objednávky/objednávce/objednávku", "faktura/faktury/fakturu", …).
 * Placeholders in braces are filled per session: {order} {invoice} {amount} {date} {tracking}
 * {product} {city} {name} {operator}.
 */

export type Language = 'cs' | 'en';

export interface Topic {
  key: string;
  tags: string[];
  /** Relative frequency. */
  weight: number;
  cs: Script;
  en: Script;
}

export interface Script {
  /** The client's first message. */
  opening: string[];
  /** The client's follow-ups. */
  client: string[];
  /** The operator's answers. */
  operator: string[];
  /** What a chatbot answers on its own. */
  bot: string[];
  /** Files this conversation sends: [name, mime type, sent by the client?]. */
  files: [string, string, boolean][];
  notes: string[];
  /** The tenant's own result names (one list for the tenant, whatever the conversation's language). */
  results: string[];
}

export const topics: Topic[] = [
  {
    key: 'order',
    tags: ['objednávka'],
    weight: 26,
    cs: {
      opening: [
        'Dobrý den, kdy mi dorazí objednávka {order}?',
        'Dobrý den, chtěla bych se zeptat na stav objednávky {order}.',
        'Zdravím, v e-mailu mi nepřišlo potvrzení objednávky {order}, je v pořádku?',
        'Dobrý den, potřebuji změnit adresu u objednávky číslo {order}.',
        'Dobrý den, můžu ještě přidat zboží k objednávce {order}?',
        'Ahoj, objednávku {order} jsem omylem zadal dvakrát, můžete jednu zrušit?',
        'Dobrý den, chci zrušit objednávku {order}, ještě nebyla odeslána.',
      ],
      client: [
        'Objednávku jsem zaplatil kartou hned při objednání.',
        'Potřebuji ji nejpozději do pátku, je to dárek.',
        'Doručení prosím na adresu v {city}, ne do práce.',
        'V objednávce mám {product}, je skladem?',
        'A kdy přesně bude objednávka expedována?',
        'Můžete mi poslat číslo zásilky?',
        'Děkuji, a přísluší mi k objednávce i dárek zdarma?',
        'Ještě bych k objednávce potřeboval fakturu na firmu.',
      ],
      operator: [
        'Dobrý den, podívám se na to. Vaše objednávka {order} je zaplacená a čeká na expedici.',
        'Objednávku jsem dohledala, zboží je skladem a odejde dnes odpoledne.',
        'Adresu u objednávky {order} jsem změnila na {city}.',
        'Objednávka byla předána dopravci, číslo zásilky je {tracking}.',
        'Druhou objednávku jsem zrušila, peníze vám vrátíme do 5 pracovních dnů.',
        'K objednávce nad 2 000 Kč vám přísluší dárek zdarma, přidám ho.',
        'Předpokládané doručení objednávky je {date}.',
        'Zboží k objednávce bohužel není skladem, naskladnění čekáme {date}.',
      ],
      bot: [
        'Stav objednávky najdete po přihlášení v sekci Moje objednávky.',
        'Objednávky odesíláme do 24 hodin od zaplacení.',
      ],
      files: [
        ['potvrzeni-objednavky.pdf', 'application/pdf', false],
        ['snimek-obrazovky.png', 'image/png', true],
      ],
      notes: [
        'Zákazník chce objednávku doručit do pátku, označeno jako prioritní.',
        'Změna adresy u objednávky {order} provedena.',
        'Duplicitní objednávka zrušena, refundace zadána.',
      ],
      results: ['vyřešeno', 'vyřešeno', 'předáno skladu'],
    },
    en: {
      opening: [
        'Hi, when will my order {order} arrive?',
        'Hello, I would like to check the status of order {order}.',
        'Hi, I never got a confirmation e-mail for order {order}.',
        'Hello, can I change the delivery address of my order {order}?',
        'I ordered twice by mistake, could you cancel order {order}?',
      ],
      client: [
        'I paid by card when I placed the order.',
        'I need it by Friday, it is a present.',
        'Could you send me the tracking number?',
        'Is {product} in stock?',
        'When exactly will the order ship?',
      ],
      operator: [
        'Let me check. Your order {order} is paid and waiting for dispatch.',
        'The order was handed to the carrier, the tracking number is {tracking}.',
        'I have changed the delivery address to {city}.',
        'The expected delivery date is {date}.',
        'I cancelled the duplicate order; the refund takes up to 5 business days.',
      ],
      bot: ['You can see the status of your orders under My orders after signing in.'],
      files: [['order-confirmation.pdf', 'application/pdf', false]],
      notes: ['Customer needs the order by Friday, marked as priority.'],
      results: ['vyřešeno', 'vyřešeno'],
    },
  },
  {
    key: 'complaint',
    tags: ['reklamace'],
    weight: 18,
    cs: {
      opening: [
        'Dobrý den, chci reklamovat zboží z objednávky {order}.',
        'Dobrý den, {product} mi po týdnu přestal fungovat, jak mám podat reklamaci?',
        'Zdravím, přišla mi poškozená zásilka, krabice byla celá rozbitá.',
        'Dobrý den, jak dlouho trvá vyřízení reklamace? Podával jsem ji před třemi týdny.',
        'Dobrý den, reklamace mi byla zamítnuta a nesouhlasím s tím.',
      ],
      client: [
        'Posílám fotku poškození.',
        'Reklamaci jsem posílal přes Zásilkovnu, číslo je {tracking}.',
        'Chtěl bych spíš vrátit peníze než výměnu.',
        'Jaká je lhůta na vyřízení reklamace?',
        'To je už podruhé, co mi to přišlo rozbité.',
        'Musím zboží posílat na vlastní náklady?',
      ],
      operator: [
        'Omlouvám se za komplikace. Reklamaci jsem založila pod číslem R-{order}.',
        'Reklamaci vyřídíme nejpozději do 30 dnů, obvykle je to do týdne.',
        'Podle fotografie jde o poškození při přepravě, reklamaci uznáváme.',
        'Zboží můžete poslat zdarma přes Zásilkovnu, kód pro odeslání vám pošlu e-mailem.',
        'Reklamace je u technika, výsledek budete mít do {date}.',
        'Peníze vám vrátíme na účet, ze kterého jste platil.',
      ],
      bot: ['Reklamaci můžete zadat online v sekci Reklamace a vrácení zboží.'],
      files: [
        ['foto-poskozeni.jpg', 'image/jpeg', true],
        ['reklamacni-protokol.pdf', 'application/pdf', false],
        ['video-zavady.mp4', 'video/mp4', true],
      ],
      notes: [
        'Reklamace předána skladu, zákazník preferuje vrácení peněz.',
        'Opakovaná reklamace, nabídnuta sleva 10 % na další nákup.',
        'Poškození při přepravě, uplatnit u dopravce.',
      ],
      results: ['reklamace založena', 'vyřešeno', 'eskalováno'],
    },
    en: {
      opening: [
        'Hello, I want to file a complaint about order {order}.',
        'My {product} stopped working after a week, how do I return it under warranty?',
        'The parcel arrived damaged, the box was crushed.',
      ],
      client: [
        'Here is a photo of the damage.',
        'I would prefer a refund rather than a replacement.',
        'How long does the complaint take?',
      ],
      operator: [
        'I am sorry about that. I have opened complaint R-{order} for you.',
        'We handle complaints within 30 days, usually within a week.',
        'You can send the item back free of charge, I will e-mail you the label.',
      ],
      bot: ['You can file a complaint online under Returns and complaints.'],
      files: [
        ['damage-photo.jpg', 'image/jpeg', true],
        ['complaint-form.pdf', 'application/pdf', false],
      ],
      notes: ['Damaged in transit, claim with the carrier.'],
      results: ['reklamace založena', 'vyřešeno'],
    },
  },
  {
    key: 'invoice',
    tags: ['faktura'],
    weight: 14,
    cs: {
      opening: [
        'Dobrý den, potřebuji fakturu k objednávce {order}.',
        'Dobrý den, na faktuře {invoice} je špatné IČO, můžete ji opravit?',
        'Zdravím, nemůžu najít fakturu za minulý měsíc.',
        'Dobrý den, proč je na faktuře {invoice} jiná částka než v košíku?',
        'Dobrý den, můžete mi poslat kopii faktury {invoice}?',
      ],
      client: [
        'Fakturu potřebuji vystavit na firmu, IČO pošlu.',
        'Na faktuře chybí DIČ.',
        'Účetní po mně chce faktury za celý rok.',
        'Částka na faktuře je {amount} Kč, ale platil jsem méně.',
        'Můžete fakturu poslat i na e-mail účetní?',
      ],
      operator: [
        'Fakturu {invoice} jsem vám právě poslala e-mailem.',
        'Opravenou fakturu vystavíme dnes, původní stornujeme dobropisem.',
        'Faktury najdete také v zákaznickém účtu v sekci Doklady.',
        'Rozdíl v částce je poštovné, na faktuře je uvedeno zvlášť.',
        'Faktura na {amount} Kč je uhrazená, děkujeme.',
      ],
      bot: ['Faktury si můžete stáhnout v zákaznickém účtu v sekci Doklady.'],
      files: [
        ['faktura-{invoice}.pdf', 'application/pdf', false],
        ['dobropis-{invoice}.pdf', 'application/pdf', false],
        ['vypis-z-uctu.pdf', 'application/pdf', true],
      ],
      notes: ['Faktura {invoice} opravena, poslán dobropis.', 'Zákazník chce faktury měsíčně souhrnně.'],
      results: ['faktura odeslána', 'vyřešeno'],
    },
    en: {
      opening: [
        'Hi, I need an invoice for order {order}.',
        'The VAT number on invoice {invoice} is wrong, can you fix it?',
        'Could you send me a copy of invoice {invoice}?',
      ],
      client: ['I need the invoice issued to my company.', 'Please also send it to our accountant.'],
      operator: [
        'I have just e-mailed you invoice {invoice}.',
        'We will issue a corrected invoice today and a credit note for the old one.',
      ],
      bot: ['You can download invoices in your account under Documents.'],
      files: [['invoice-{invoice}.pdf', 'application/pdf', false]],
      notes: ['Invoice {invoice} corrected.'],
      results: ['faktura odeslána'],
    },
  },
  {
    key: 'delivery',
    tags: ['doprava'],
    weight: 14,
    cs: {
      opening: [
        'Dobrý den, kurýr u mě nebyl a zásilka je prý nedoručitelná.',
        'Dobrý den, kdy bude doručení zásilky {tracking}?',
        'Dobrý den, můžu si zásilku vyzvednout osobně na prodejně v {city}?',
        'Dobrý den, kolik stojí doručení na Slovensko?',
        'Zdravím, zásilka je už týden na cestě, kde je?',
      ],
      client: [
        'Celý den jsem byl doma a nikdo nezvonil.',
        'Můžete domluvit nové doručení na zítra?',
        'Raději bych si to vyzvedl na výdejním místě.',
        'Doručení mělo být včera.',
      ],
      operator: [
        'Zásilku {tracking} jsem u dopravce dohledala, doručení je naplánované na {date}.',
        'Domluvila jsem s dopravcem opakované doručení na zítra mezi 8 a 16 hodinou.',
        'Osobní odběr na prodejně v {city} je možný, zboží tam bude do dvou dnů.',
        'Doručení na Slovensko stojí 149 Kč, nad 2 500 Kč je zdarma.',
      ],
      bot: ['Zásilku můžete sledovat podle čísla v potvrzovacím e-mailu.'],
      files: [['sledovani-zasilky.png', 'image/png', true]],
      notes: ['Dopravce nedoručil, reklamováno u PPL.', 'Přesměrováno na výdejní místo v {city}.'],
      results: ['vyřešeno', 'předáno dopravci'],
    },
    en: {
      opening: [
        'Hi, the courier never came and the parcel says undeliverable.',
        'When will parcel {tracking} be delivered?',
        'How much is delivery to Germany?',
      ],
      client: ['I was at home all day.', 'Can you arrange delivery for tomorrow?'],
      operator: [
        'I found parcel {tracking}, delivery is planned for {date}.',
        'I have arranged a new delivery attempt tomorrow.',
      ],
      bot: ['You can track your parcel with the number in the confirmation e-mail.'],
      files: [],
      notes: ['Carrier failed to deliver, claim opened.'],
      results: ['vyřešeno'],
    },
  },
  {
    key: 'return',
    tags: ['vrácení'],
    weight: 10,
    cs: {
      opening: [
        'Dobrý den, chci vrátit zboží do 14 dnů bez udání důvodu.',
        'Dobrý den, jak mám vrátit {product}? Nesedí mi velikost.',
        'Dobrý den, vrátil jsem zboží před dvěma týdny a peníze pořád nemám.',
      ],
      client: [
        'Zboží je nepoužité, v původním obalu.',
        'Chtěl bych vyměnit za větší velikost.',
        'Peníze prosím na účet, ne jako poukázku.',
      ],
      operator: [
        'Vrácení jsem zaevidovala, formulář vám přijde e-mailem.',
        'Peníze za vrácené zboží odešleme do 14 dnů od převzetí.',
        'Vrácení peněz {amount} Kč bylo odesláno {date}.',
        'Výměnu za jinou velikost zařídíme bez poplatku.',
      ],
      bot: ['Zboží můžete vrátit do 14 dnů bez udání důvodu přes formulář Vrácení zboží.'],
      files: [['formular-vraceni.pdf', 'application/pdf', false]],
      notes: ['Vrácení zaevidováno, čeká se na převzetí zboží.'],
      results: ['vráceno', 'vyřešeno'],
    },
    en: {
      opening: ['Hi, I would like to return an item within 14 days.', 'How do I return {product}?'],
      client: ['It is unused and in the original box.', 'I would like a refund, please.'],
      operator: [
        'I have registered the return, the form is on its way by e-mail.',
        'The refund of {amount} CZK was sent on {date}.',
      ],
      bot: ['You can return goods within 14 days using the Returns form.'],
      files: [['return-form.pdf', 'application/pdf', false]],
      notes: ['Return registered.'],
      results: ['vráceno'],
    },
  },
  {
    key: 'payment',
    tags: ['platba'],
    weight: 8,
    cs: {
      opening: [
        'Dobrý den, platba kartou mi neprošla, ale peníze se strhly.',
        'Dobrý den, můžu zaplatit objednávku {order} převodem?',
        'Dobrý den, zaplatil jsem dvakrát, můžete mi jednu platbu vrátit?',
      ],
      client: ['Platil jsem kartou Visa.', 'Na výpisu vidím dvě platby po {amount} Kč.'],
      operator: [
        'Platba je u banky zablokovaná, do 3 dnů se vám peníze uvolní.',
        'Druhou platbu {amount} Kč jsem vám vrátila.',
        'Převodem zaplatit můžete, variabilní symbol je {order}.',
      ],
      bot: ['Přijímáme platby kartou, převodem, Apple Pay a Google Pay.'],
      files: [['vypis-platby.pdf', 'application/pdf', true]],
      notes: ['Duplicitní platba vrácena.'],
      results: ['vyřešeno'],
    },
    en: {
      opening: ['My card payment failed but the money was taken.', 'I was charged twice for order {order}.'],
      client: ['I see two payments of {amount} CZK.'],
      operator: [
        'The bank will release the blocked amount within 3 days.',
        'I have refunded the second payment.',
      ],
      bot: ['We accept cards, bank transfer, Apple Pay and Google Pay.'],
      files: [],
      notes: ['Duplicate payment refunded.'],
      results: ['vyřešeno'],
    },
  },
  {
    key: 'account',
    tags: ['účet'],
    weight: 5,
    cs: {
      opening: [
        'Dobrý den, nemůžu se přihlásit do svého účtu.',
        'Dobrý den, nechodí mi e-mail pro obnovení hesla.',
        'Dobrý den, chci zrušit svůj zákaznický účet a smazat údaje.',
      ],
      client: ['Používám e-mail {email}.', 'Zkoušel jsem to i v jiném prohlížeči.'],
      operator: [
        'Odkaz pro obnovení hesla jsem vám poslala znovu, zkontrolujte i spam.',
        'Účet jsem odemkla, přihlásit se můžete hned.',
        'Žádost o smazání údajů jsme přijali, vyřídíme ji do 30 dnů.',
      ],
      bot: ['Heslo si můžete obnovit přes odkaz Zapomenuté heslo.'],
      files: [['chyba-prihlaseni.png', 'image/png', true]],
      notes: ['Účet odemčen.'],
      results: ['vyřešeno'],
    },
    en: {
      opening: ['Hi, I cannot sign in to my account.', 'The password reset e-mail never arrives.'],
      client: ['I use the e-mail {email}.'],
      operator: [
        'I have sent the reset link again, please check your spam folder.',
        'Your account is unlocked now.',
      ],
      bot: ['You can reset your password with the Forgot password link.'],
      files: [],
      notes: ['Account unlocked.'],
      results: ['vyřešeno'],
    },
  },
  {
    key: 'sales',
    tags: ['dotaz', 'prodej'],
    weight: 5,
    cs: {
      opening: [
        'Dobrý den, máte {product} i v jiné barvě?',
        'Dobrý den, jaký je rozdíl mezi těmito dvěma modely?',
        'Dobrý den, dáváte množstevní slevu pro firmy?',
      ],
      client: ['Potřebovali bychom 20 kusů.', 'A jaká je záruka?', 'Kdy bude znovu skladem?'],
      operator: [
        'Ano, {product} máme i v černé a modré.',
        'Pro firmy nabízíme slevu 8 % od 10 kusů, pošlu vám nabídku.',
        'Záruka je 24 měsíců, pro firmy 12 měsíců.',
        'Naskladnění čekáme {date}.',
      ],
      bot: ['Naše produkty najdete v katalogu, rád vás přepojím na obchodníka.'],
      files: [
        ['cenova-nabidka.pdf', 'application/pdf', false],
        ['katalog-2025.pdf', 'application/pdf', false],
      ],
      notes: ['Firemní zákazník, poslána cenová nabídka.', 'Zájem o 20 ks, sledovat.'],
      results: ['nabídka odeslána', 'prodej'],
    },
    en: {
      opening: ['Do you have {product} in another colour?', 'Do you offer volume discounts?'],
      client: ['We would need 20 pieces.', 'What is the warranty?'],
      operator: [
        'Yes, we have it in black and blue.',
        'We offer 8% off from 10 pieces, I will send you a quote.',
      ],
      bot: ['Let me connect you to our sales team.'],
      files: [['quote.pdf', 'application/pdf', false]],
      notes: ['Business customer, quote sent.'],
      results: ['nabídka odeslána', 'prodej'],
    },
  },
];

export const greetings = {
  cs: {
    bot: [
      'Dobrý den, jsem virtuální asistent. S čím vám mohu pomoci?',
      'Dobrý den! Napište prosím, s čím potřebujete poradit.',
    ],
    botHandover: [
      'Přepojuji vás na kolegu z podpory, chvilku strpení.',
      'S tímto vám lépe pomůže operátor, přepojuji.',
    ],
    botClosing: ['Mohu vám pomoci ještě s něčím?', 'Rádo se stalo. Hezký den!'],
    operatorHello: [
      'Dobrý den, u telefonu je {operator}, jak vám mohu pomoci?',
      'Dobrý den, jmenuji se {operator}. Hned se na to podívám.',
      'Dobrý den, děkuji za trpělivost. Podívám se na to.',
    ],
    clientThanks: [
      'Děkuji moc, to je vše.',
      'Super, děkuji za pomoc!',
      'Dobře, díky.',
      'Děkuji, nashledanou.',
    ],
    operatorBye: [
      'Rádo se stalo, přeji hezký den.',
      'Není zač. Kdybyste cokoli potřeboval, ozvěte se.',
      'Děkuji za trpělivost, nashledanou.',
    ],
    clientWaiting: ['Haló, je tam někdo?', 'Dobrý den, potřebuji poradit.'],
  },
  en: {
    bot: ['Hello, I am the virtual assistant. How can I help?', 'Hi! Tell me what you need help with.'],
    botHandover: [
      'Let me connect you to a colleague.',
      'An agent will help you with this, connecting you now.',
    ],
    botClosing: ['Is there anything else I can help with?', 'You are welcome. Have a nice day!'],
    operatorHello: [
      'Hello, this is {operator}, how can I help?',
      'Hi, {operator} here. Let me check that for you.',
    ],
    clientThanks: ['Thanks a lot, that is all.', 'Great, thank you!', 'OK, thanks.'],
    operatorBye: ['You are welcome, have a nice day.', 'Happy to help. Goodbye!'],
    clientWaiting: ['Hello, is anyone there?', 'Hi, I need some help.'],
  },
} as const;

export const feedbacks = {
  cs: [
    'Rychlé a ochotné jednání, děkuji.',
    'Paní operátorka byla moc milá.',
    'Dlouho jsem čekal ve frontě.',
    'Problém vyřešen hned napoprvé.',
    'Nevyřešilo to můj problém.',
    'Spokojenost, doporučuji.',
  ],
  en: [
    'Quick and helpful, thanks.',
    'Waited too long in the queue.',
    'Solved at once.',
    'Did not solve my problem.',
  ],
};

export const products = [
  'vysavač Dyson V15',
  'kávovar DeLonghi',
  'mobil Samsung Galaxy A55',
  'sluchátka Sony WH-1000XM5',
  'pračka Bosch Serie 6',
  'notebook Lenovo ThinkPad',
  'zimní bunda',
  'dětská autosedačka',
  'televize LG OLED 55"',
  'robotický vysavač Roborock',
];

export const cities = [
  'Praha',
  'Brno',
  'Ostrava',
  'Plzeň',
  'Olomouc',
  'Liberec',
  'České Budějovice',
  'Hradec Králové',
  'Zlín',
  'Pardubice',
];

export const firstNames = {
  male: [
    'Petr',
    'Jan',
    'Tomáš',
    'Martin',
    'Jiří',
    'Lukáš',
    'Jakub',
    'David',
    'Ondřej',
    'Pavel',
    'Michal',
    'Václav',
  ],
  female: [
    'Jana',
    'Eva',
    'Lucie',
    'Tereza',
    'Kateřina',
    'Petra',
    'Veronika',
    'Markéta',
    'Lenka',
    'Zuzana',
    'Hana',
    'Anna',
  ],
  english: ['John', 'Emma', 'Oliver', 'Sophie', 'James', 'Olivia', 'Lukas', 'Mia', 'Thomas', 'Anna'],
};
export const lastNames = {
  /** [male, female] */
  czech: [
    ['Novák', 'Nováková'],
    ['Svoboda', 'Svobodová'],
    ['Novotný', 'Novotná'],
    ['Dvořák', 'Dvořáková'],
    ['Černý', 'Černá'],
    ['Procházka', 'Procházková'],
    ['Kučera', 'Kučerová'],
    ['Veselý', 'Veselá'],
    ['Horák', 'Horáková'],
    ['Němec', 'Němcová'],
    ['Pokorný', 'Pokorná'],
    ['Marek', 'Marková'],
    ['Růžička', 'Růžičková'],
    ['Šťastný', 'Šťastná'],
  ] as [string, string][],
  english: [
    'Smith',
    'Brown',
    'Wilson',
    'Taylor',
    'Müller',
    'Schmidt',
    'Johnson',
    'Walker',
    'Wright',
    'Green',
  ],
};

export const endReasonTexts: Record<string, { cs: string; en: string }> = {
  client_left: { cs: 'Sezení ukončeno: klient opustil konverzaci', en: 'Session ended: the client left' },
  operator_ended: { cs: 'Sezení ukončeno: operátor ukončil konverzaci', en: 'Session ended by the operator' },
  chatbot_ended: { cs: 'Sezení ukončeno chatbotem', en: 'Session ended by the chatbot' },
  client_abandoned: {
    cs: 'Sezení ukončeno: klient opustil frontu',
    en: 'Session ended: the client left the queue',
  },
  operator_abandoned: {
    cs: 'Sezení ukončeno: operátor neodpovídal',
    en: 'Session ended: the operator did not respond',
  },
  routing_failed: {
    cs: 'Sezení ukončeno: žádný operátor není k dispozici',
    en: 'Session ended: no operator available',
  },
  window_expired: {
    cs: 'Sezení ukončeno: vypršelo 24hodinové okno kanálu',
    en: 'Session ended: the 24-hour channel window expired',
  },
  api: { cs: 'Sezení ukončeno přes API', en: 'Session ended through the API' },
};

export const banReasons = [
  'Spam',
  'Vulgární výrazy',
  'Opakované obtěžování operátorů',
  'Podvodné objednávky',
];
