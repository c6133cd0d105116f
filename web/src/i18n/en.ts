import type { Dictionary } from './types';

/** English texts: exactly the keys and placeholders of `cs.ts` (enforced by the `Dictionary` type). */
export const en: Dictionary = {
  'app.name': 'Sessiondesk',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to content',

  'language.label': 'Language',
  'language.selected': '(selected)',
  'language.cs': 'Čeština',
  'language.en': 'English',

  'login.pageTitle': 'Sign in',
  'login.title': 'Sign in',
  'login.subtitle': 'Manage the sessions between your clients and operators.',
  'login.workspace': 'Workspace',
  'login.workspaceDescription': 'Your organisation’s short name in Sessiondesk, e.g. “demo”.',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.showPassword': 'Show password',
  'login.hidePassword': 'Hide password',
  'login.submit': 'Sign in',
  'login.validation.workspaceRequired': 'Enter your workspace.',
  'login.validation.emailRequired': 'Enter your e-mail address.',
  'login.validation.emailInvalid': 'Enter a valid e-mail address.',
  'login.validation.passwordRequired': 'Enter your password.',
  'login.error.title': 'Sign-in failed',
  'login.error.invalidCredentials': 'The workspace, e-mail or password is not correct.',
  'login.error.rateLimited': 'Too many sign-in attempts. Try again {when} (at {time}).',
  'login.error.rateLimitedLater': 'Too many sign-in attempts. Please try again later.',
  'login.error.invalidInput': 'The sign-in details are incomplete or malformed.',
  'login.error.unreachable': 'The server cannot be reached. Check your internet connection and try again.',
  'login.error.cookieRejected':
    'You were signed in, but the browser did not keep the sign-in cookie. Allow cookies for this site and try again.',
  'login.error.unexpected': 'Sign-in failed because of a server error ({code}). Please try again.',
  'login.notice.sessionExpired': 'Your session has expired. Please sign in again.',
  'login.notice.signedOut': 'You have been signed out.',

  'startup.unreachableTitle': 'Sessiondesk is unavailable right now',
  'startup.unreachableDescription':
    'The server could not be reached. Check your internet connection and try again.',
  'startup.retry': 'Try again',

  'nav.label': 'Main navigation',
  'nav.sessions': 'Sessions',

  'account.menuLabel': 'Account: {name}',
  'account.signedInAs': 'Signed in as',
  'account.workspace': 'Workspace',
  'account.signOut': 'Sign out',
  'account.signOutFailed': 'Signing out failed. Please try again.',

  'role.admin': 'Administrator',
  'role.supervisor': 'Supervisor',
  'role.operator': 'Operator',

  'sessions.title': 'Sessions',
  'sessions.description': 'Live and ended sessions between clients and operators.',
  'sessions.comingTitle': 'The sessions table is coming',
  'sessions.comingDescription':
    'Soon you will find live and ended sessions here, with filters, transcript search and export.',

  'notFound.title': 'Page not found',
  'notFound.description':
    'There is no page at {path}. The link may be incomplete, or the page may have moved.',
  'notFound.back': 'Go to Sessions',

  'error.title': 'Something went wrong',
  'error.description':
    'This page could not be displayed. Reload it; if the problem persists, contact your administrator.',
  'error.reload': 'Reload',
};
