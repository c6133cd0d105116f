import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { cs } from './cs';
import { en } from './en';
import { formattersFor, type Formatters } from './format';
import {
  browserLanguages,
  initialLanguage,
  rememberLanguage,
  resolveLocale,
  type Language,
} from './language';
import { translate } from './translate';
import type { Dictionary, Translate } from './types';

const dictionaries: Record<Language, Dictionary> = { cs, en };

interface I18nContextValue {
  language: Language;
  /** BCP 47 tag used for dates and numbers, e.g. `cs-CZ`. */
  locale: string;
  setLanguage: (language: Language) => void;
  t: Translate;
  format: Formatters;
}

const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  const setLanguage = useCallback((next: Language) => {
    rememberLanguage(next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    // Screen readers and the browser's hyphenation/spell-check follow the document language.
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18nContextValue>(() => {
    const locale = resolveLocale(language, browserLanguages());
    const format = formattersFor(locale);
    const dictionary = dictionaries[language];
    const t: Translate = (key, ...args) => translate(dictionary, (n) => format.number(n), key, ...args);
    return { language, locale, setLanguage, t, format };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language: `t('nav.sessions')`, `t('notFound.description', { path })`. */
export function useT(): Translate {
  return useI18n().t;
}

/** Intl formatters for the current locale: `format.dateTime(session.createdAt)`, `format.number(total)`. */
export function useFormat(): Formatters {
  return useI18n().format;
}
