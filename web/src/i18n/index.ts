export { I18nProvider, useFormat, useI18n, useT } from './I18nProvider';
export { languages, type Language } from './language';
export type { DateInput, Formatters } from './format';
export type { MessageKey, PlainMessageKey, Translate } from './types';
