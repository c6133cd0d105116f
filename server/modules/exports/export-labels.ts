import { enumLabel, labelLanguages, type LabelLanguage } from '../../../common/labels';

/**
 * The words of an export file: enumerations come from the one list in `common/labels.ts` (the UI
 * reads the same); this file adds only the export's own furniture.
 */
export const exportLanguages = labelLanguages;
export type ExportLanguage = LabelLanguage;

export const booleanLabel = (value: boolean, lang: ExportLanguage): string =>
  value ? (lang === 'cs' ? 'ano' : 'yes') : lang === 'cs' ? 'ne' : 'no';

export const senderLabel = (sender: string, lang: ExportLanguage): string =>
  enumLabel('sender', sender, lang);

export const activityTypeLabel = (type: string, lang: ExportLanguage): string =>
  type === 'file' ? (lang === 'cs' ? 'Soubor' : 'File') : type;

/** The furniture of the files. */
export const exportTexts = {
  cs: {
    transcript: 'Přepis',
    sessions: 'Sezení',
    exportedAt: 'Exportováno',
    timeZone: 'Časové pásmo',
    durations: 'Doby trvání jsou v sekundách.',
    search: 'Hledat v celém souboru (bez ohledu na diakritiku)',
    searchPlaceholder: 'Hledat…',
    previous: 'Předchozí',
    next: 'Další',
    noHits: 'Nic nenalezeno',
    file: 'Soubor',
    bytes: 'B',
    emptyTranscript: 'Přepis je prázdný.',
    showTranscript: 'Přepis sezení',
    views: { history: 'historie', live: 'živá' },
    count: 'Počet sezení',
    truncated: (length: string) => `… [zkráceno: ${length} znaků; celý text je v HTML exportu]`,
  },
  en: {
    transcript: 'Transcript',
    sessions: 'Sessions',
    exportedAt: 'Exported',
    timeZone: 'Time zone',
    durations: 'Durations are in seconds.',
    search: 'Search the whole file (diacritics ignored)',
    searchPlaceholder: 'Search…',
    previous: 'Previous',
    next: 'Next',
    noHits: 'No matches',
    file: 'File',
    bytes: 'B',
    emptyTranscript: 'The transcript is empty.',
    showTranscript: 'Transcript of session',
    views: { history: 'history', live: 'live' },
    count: 'Sessions',
    truncated: (length: string) => `… [truncated: ${length} characters; full text in the HTML export]`,
  },
} as const;

/** An outbound messaging line's delivery state in words, with the platform's reason of a failure. */
export const deliveryLabel = (
  delivery: { state: string; reason: string | null } | null | undefined,
  lang: ExportLanguage,
): string | null =>
  delivery
    ? [enumLabel('deliveryState', delivery.state, lang), delivery.reason].filter(Boolean).join(': ')
    : null;
