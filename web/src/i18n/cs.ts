/**
 * Czech texts — the source of message keys. Add a key here first; the English dictionary then fails to
 * typecheck until it has the same key. `{name}` marks a placeholder filled by `t(key, { name })`.
 */
export const cs = {
  'app.name': 'Sessiondesk',
  'app.loading': 'Načítání…',
  'app.skipToContent': 'Přeskočit na obsah',

  'language.label': 'Jazyk',
  'language.selected': '(vybráno)',
  'language.cs': 'Čeština',
  'language.en': 'English',

  'login.pageTitle': 'Přihlášení',
  'login.title': 'Přihlaste se',
  'login.subtitle': 'Správa sezení mezi klienty a operátory vašeho pracoviště.',
  'login.workspace': 'Pracoviště',
  'login.workspaceDescription': 'Krátký název vaší organizace v Sessiondesku, např. „demo“.',
  'login.email': 'E-mail',
  'login.password': 'Heslo',
  'login.showPassword': 'Zobrazit heslo',
  'login.hidePassword': 'Skrýt heslo',
  'login.submit': 'Přihlásit se',
  'login.validation.workspaceRequired': 'Vyplňte pracoviště.',
  'login.validation.emailRequired': 'Vyplňte e-mail.',
  'login.validation.emailInvalid': 'Zadejte platnou e-mailovou adresu.',
  'login.validation.passwordRequired': 'Vyplňte heslo.',
  'login.error.title': 'Přihlášení se nezdařilo',
  'login.error.invalidCredentials': 'Pracoviště, e-mail nebo heslo nejsou správné.',
  'login.error.rateLimited': 'Příliš mnoho pokusů o přihlášení. Zkuste to znovu {when} (v {time}).',
  'login.error.rateLimitedLater': 'Příliš mnoho pokusů o přihlášení. Zkuste to prosím znovu později.',
  'login.error.invalidInput': 'Přihlašovací údaje nejsou úplné nebo mají nesprávný tvar.',
  'login.error.unreachable': 'Server je nedostupný. Zkontrolujte připojení k internetu a zkuste to znovu.',
  'login.error.cookieRejected':
    'Přihlášení proběhlo, ale prohlížeč neuložil přihlašovací cookie. Povolte cookies pro tuto stránku a zkuste to znovu.',
  'login.error.unexpected':
    'Přihlášení se nepodařilo kvůli chybě na serveru ({code}). Zkuste to prosím znovu.',
  'login.notice.sessionExpired': 'Vaše přihlášení vypršelo. Přihlaste se prosím znovu.',
  'login.notice.signedOut': 'Byli jste odhlášeni.',

  'startup.unreachableTitle': 'Sessiondesk je momentálně nedostupný',
  'startup.unreachableDescription':
    'Nepodařilo se spojit se serverem. Zkontrolujte připojení k internetu a zkuste to znovu.',
  'startup.retry': 'Zkusit znovu',

  'nav.label': 'Hlavní navigace',
  'nav.sessions': 'Sezení',

  'account.menuLabel': 'Účet: {name}',
  'account.signedInAs': 'Přihlášen(a) jako',
  'account.workspace': 'Pracoviště',
  'account.signOut': 'Odhlásit se',
  'account.signOutFailed': 'Odhlášení se nezdařilo. Zkuste to prosím znovu.',

  'role.admin': 'Administrátor',
  'role.supervisor': 'Supervizor',
  'role.operator': 'Operátor',

  'sessions.title': 'Sezení',
  'sessions.description': 'Živá i ukončená sezení mezi klienty a operátory.',
  'sessions.comingTitle': 'Tabulka sezení se připravuje',
  'sessions.comingDescription':
    'Brzy zde najdete živá i ukončená sezení s filtry, vyhledáváním v přepisech a exportem.',

  'notFound.title': 'Stránka nenalezena',
  'notFound.description':
    'Na adrese {path} žádná stránka není. Odkaz mohl být neúplný, nebo byla stránka přesunuta.',
  'notFound.back': 'Přejít na sezení',

  'error.title': 'Něco se pokazilo',
  'error.description':
    'Stránku se nepodařilo zobrazit. Zkuste ji načíst znovu; pokud potíže přetrvají, kontaktujte správce.',
  'error.reload': 'Načíst znovu',
} as const;
