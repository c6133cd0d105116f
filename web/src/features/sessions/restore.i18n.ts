/** The Restore dialog's words, kept beside it (the dictionaries spread them in). */
export const restoreMessagesCs = {
  'restore.button': 'Obnovit',
  'restore.title': 'Obnovit sezení {id}',
  'restore.description':
    'Vznikne nové sezení se stejným klientem na stejném účtu, propojené s tímto. Vaše první zpráva odejde klientovi.',
  'restore.loadFailed': 'Nepodařilo se zjistit, co platforma teď dovolí.',
  'restore.lastMessage': 'Poslední zpráva klienta: {time}',
  'restore.until': 'Platí do {time}',
  'restore.closesIn': 'zbývá {left}',
  'restore.noDeadline': 'Bez časového omezení',
  'restore.reason.never_wrote': 'Klient tomuto účtu nikdy nepsal.',
  'restore.reason.whatsapp_customer_service_window':
    'Klient psal během posledních 24 hodin: WhatsApp dovolí libovolnou zprávu.',
  'restore.reason.whatsapp_window_closed':
    'Od poslední zprávy klienta uplynulo víc než 24 hodin: WhatsApp dovolí jen schválenou šablonu.',
  'restore.reason.messenger_standard_window':
    'Klient psal během posledních 24 hodin: Messenger dovolí běžnou zprávu.',
  'restore.reason.messenger_human_agent_window':
    'Od poslední zprávy klienta uplynulo víc než 24 hodin: zpráva odejde se značkou HUMAN_AGENT (nejdéle 7 dní od jeho zprávy).',
  'restore.reason.messenger_human_agent_not_allowed':
    'Od poslední zprávy klienta uplynulo víc než 24 hodin a tato stránka nesmí používat značku HUMAN_AGENT.',
  'restore.reason.messenger_window_closed':
    'Od poslední zprávy klienta uplynulo víc než 7 dní: Messenger nedovolí žádnou zprávu.',
  'restore.reason.apple_customer_initiated':
    'Apple Messages for Business: v konverzaci, kterou zahájil zákazník, lze odpovědět bez časového omezení.',
  'restore.reason.vkontakte_messages_allowed':
    'VK: komunita smí psát uživateli, který jí napsal, bez časového omezení.',
  'restore.blocked.restore.not_messaging':
    'Obnovit lze jen sezení z WhatsApp, Messengeru, Apple Messages for Business a VK.',
  'restore.blocked.restore.session_live': 'Sezení stále běží.',
  'restore.blocked.restore.no_platform_client':
    'Sezení není propojené s klientem připojeného účtu (importované sezení).',
  'restore.blocked.restore.account_disabled': 'Účet kanálu je vypnutý.',
  'restore.blocked.restore.client_banned': 'Klient je na tomto kanálu zablokován.',
  'restore.blocked.restore.window_closed': 'Platforma teď nedovolí žádnou zprávu.',
  'restore.kind.text': 'Zpráva',
  'restore.kind.template': 'Šablona',
  'restore.message': 'První zpráva',
  'restore.messagePlaceholder': 'Např. řešení požadavku klienta',
  'restore.template': 'Schválená šablona',
  'restore.templatePlaceholder': 'Vyberte šablonu',
  'restore.templateGroup.client': 'V jazyce klienta',
  'restore.templateGroup.other': 'Jiné jazyky',
  'restore.noTemplates':
    'Účet nemá žádnou schválenou šablonu. Administrátor je může načíst v Administraci › Kanály.',
  'restore.parameter': 'Parametr {placeholder}',
  'restore.problem.empty': 'Vyplňte hodnotu.',
  'restore.problem.too_long': 'Nejvýše 1 024 znaků.',
  'restore.problem.line_break_or_tab': 'Bez zalomení řádku a tabulátoru.',
  'restore.problem.too_many_spaces': 'Nejvýše čtyři mezery za sebou.',
  'restore.preview': 'Náhled',
  'restore.assign': 'Kdo sezení převezme',
  'restore.assign.me': 'Převezmu ho já',
  'restore.assign.group': 'Nabídnout skupině',
  'restore.assign.pickGroup': 'Skupina',
  'restore.live': 'Klient už má na tomto účtu živé sezení {id}: obnovení otevře to.',
  'restore.openLive': 'Otevřít sezení {id}',
  'restore.submit': 'Obnovit a odeslat',
  'restore.cancel': 'Zrušit',
  'restore.failedTitle': 'Sezení se nepodařilo obnovit',
  'restore.done': 'Sezení {id} obnoveno jako {newId}.',
  'restore.opened': 'Klient už měl živé sezení {newId}; otevřeno.',
  'restore.restoredFrom': 'Obnoveno ze sezení',
  'restore.restoredAs': 'Obnoveno jako',
} as const;

export const restoreMessagesEn = {
  'restore.button': 'Restore',
  'restore.title': 'Restore session {id}',
  'restore.description':
    'A new session with the same client on the same account starts, linked to this one. Your first message goes to the client.',
  'restore.loadFailed': 'Could not find out what the platform allows now.',
  'restore.lastMessage': "Client's last message: {time}",
  'restore.until': 'Until {time}',
  'restore.closesIn': '{left} left',
  'restore.noDeadline': 'No deadline',
  'restore.reason.never_wrote': 'The client has never written to this account.',
  'restore.reason.whatsapp_customer_service_window':
    'The client wrote within the last 24 hours: WhatsApp allows any message.',
  'restore.reason.whatsapp_window_closed':
    "More than 24 hours since the client's last message: WhatsApp allows only an approved template.",
  'restore.reason.messenger_standard_window':
    'The client wrote within the last 24 hours: Messenger allows a standard message.',
  'restore.reason.messenger_human_agent_window':
    "More than 24 hours since the client's last message: it is sent with the HUMAN_AGENT tag (up to 7 days after their message).",
  'restore.reason.messenger_human_agent_not_allowed':
    "More than 24 hours since the client's last message, and this page may not use the HUMAN_AGENT tag.",
  'restore.reason.messenger_window_closed':
    "More than 7 days since the client's last message: Messenger allows no message.",
  'restore.reason.apple_customer_initiated':
    'Apple Messages for Business: a conversation the customer started can be answered with no deadline.',
  'restore.reason.vkontakte_messages_allowed':
    'VK: the community may write to a user who wrote to it, with no deadline.',
  'restore.blocked.restore.not_messaging':
    'Only WhatsApp, Messenger, Apple Messages for Business and VK sessions can be restored.',
  'restore.blocked.restore.session_live': 'The session is still live.',
  'restore.blocked.restore.no_platform_client':
    'The session is not linked to a client of a connected account (an imported session).',
  'restore.blocked.restore.account_disabled': 'The channel account is disabled.',
  'restore.blocked.restore.client_banned': 'The client is banned on this channel.',
  'restore.blocked.restore.window_closed': 'The platform allows no message now.',
  'restore.kind.text': 'Message',
  'restore.kind.template': 'Template',
  'restore.message': 'First message',
  'restore.messagePlaceholder': "E.g. the solution to the client's request",
  'restore.template': 'Approved template',
  'restore.templatePlaceholder': 'Choose a template',
  'restore.templateGroup.client': "In the client's language",
  'restore.templateGroup.other': 'Other languages',
  'restore.noTemplates':
    'The account has no approved template. An administrator can load them in Administration › Channels.',
  'restore.parameter': 'Parameter {placeholder}',
  'restore.problem.empty': 'Enter a value.',
  'restore.problem.too_long': 'At most 1,024 characters.',
  'restore.problem.line_break_or_tab': 'No line breaks or tabs.',
  'restore.problem.too_many_spaces': 'At most four spaces in a row.',
  'restore.preview': 'Preview',
  'restore.assign': 'Who takes the session',
  'restore.assign.me': 'I take it',
  'restore.assign.group': 'Offer it to a group',
  'restore.assign.pickGroup': 'Group',
  'restore.live': 'The client already has a live session {id} on this account: restoring opens it.',
  'restore.openLive': 'Open session {id}',
  'restore.submit': 'Restore and send',
  'restore.cancel': 'Cancel',
  'restore.failedTitle': 'The session could not be restored',
  'restore.done': 'Session {id} restored as {newId}.',
  'restore.opened': 'The client already had live session {newId}; opened.',
  'restore.restoredFrom': 'Restored from',
  'restore.restoredAs': 'Restored as',
} as const satisfies Record<keyof typeof restoreMessagesCs, string>;
