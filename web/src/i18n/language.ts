import { readPreference, writePreference } from '../lib/storage';

export const languages = ['cs', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'language';

/** Default regional formats when the browser's own locale is for another language. */
const defaultLocales: Record<Language, string> = { cs: 'cs-CZ', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** A remembered choice wins; otherwise the browser's preferred language: Czech for `cs*`, else English. */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  const preferred = browserLanguages[0]?.toLowerCase() ?? '';
  return preferred.startsWith('cs') ? 'cs' : 'en';
}

/**
 * The locale for dates and numbers: the browser's own regional variant of the chosen language when it
 * has one (so an en-US browser gets US dates), else the language's default region.
 */
export function resolveLocale(language: Language, browserLanguages: readonly string[]): string {
  const regional = browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language);
  if (regional && isSupportedLocale(regional)) return regional;
  return defaultLocales[language];
}

function isSupportedLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

export function initialLanguage(): Language {
  return detectLanguage(readPreference(storageKey), browserLanguages());
}

export function rememberLanguage(language: Language): void {
  writePreference(storageKey, language);
}
