import type { Sender } from '../../../common/domain';

/**
 * The words an export file shows for enumerations and its own furniture, in Czech and English. Enum
 * values the table does not know are shown as stored, so a new value never breaks an export.
 */
export const exportLanguages = ['cs', 'en'] as const;
export type ExportLanguage = (typeof exportLanguages)[number];

type Labels = Record<string, { cs: string; en: string }>;

const enumLabels: Record<string, Labels> = {
  status: {
    queued: { cs: 'Ve frontě', en: 'Queued' },
    offered: { cs: 'Nabídnuto', en: 'Offered' },
    active: { cs: 'Probíhá', en: 'Active' },
    after_work: { cs: 'Dopracování', en: 'After work' },
    closed: { cs: 'Ukončeno', en: 'Closed' },
  },
  channel: {
    webchat: { cs: 'Webchat', en: 'Web chat' },
    av: { cs: 'Audio/video', en: 'Audio/video' },
    phone: { cs: 'Telefon', en: 'Phone' },
    messenger: { cs: 'Messenger', en: 'Messenger' },
    whatsapp: { cs: 'WhatsApp', en: 'WhatsApp' },
    apple: { cs: 'Apple Messages', en: 'Apple Messages' },
    vkontakte: { cs: 'VKontakte', en: 'VKontakte' },
  },
  source: {
    widget: { cs: 'Widget', en: 'Widget' },
    invitation: { cs: 'Pozvánka', en: 'Invitation' },
    callback: { cs: 'Zpětné volání', en: 'Callback' },
    incoming_call: { cs: 'Příchozí hovor', en: 'Incoming call' },
    outgoing_call: { cs: 'Odchozí hovor', en: 'Outgoing call' },
    campaign: { cs: 'Kampaň', en: 'Campaign' },
    api: { cs: 'API', en: 'API' },
    restored: { cs: 'Obnoveno', en: 'Restored' },
  },
  endReason: {
    client_left: { cs: 'Klient odešel', en: 'Client left' },
    operator_ended: { cs: 'Ukončil operátor', en: 'Operator ended' },
    chatbot_ended: { cs: 'Ukončil chatbot', en: 'Chatbot ended' },
    client_abandoned: { cs: 'Klient opustil frontu', en: 'Client abandoned in queue' },
    operator_abandoned: { cs: 'Operátor opustil', en: 'Operator abandoned' },
    routing_failed: { cs: 'Směrování selhalo', en: 'Routing failed' },
    window_expired: { cs: 'Vypršelo okno kanálu', en: 'Channel window expired' },
    api: { cs: 'Ukončeno přes API', en: 'Ended by API' },
  },
  clientLeft: {
    left_queue: { cs: 'Opustil frontu', en: 'Left the queue' },
    left_session: { cs: 'Opustil sezení', en: 'Left the session' },
    still_connected: { cs: 'Stále připojen', en: 'Still connected' },
  },
};

export function enumLabel(columnId: string, value: string, lang: ExportLanguage): string {
  return enumLabels[columnId]?.[value]?.[lang] ?? value;
}

export const booleanLabel = (value: boolean, lang: ExportLanguage): string =>
  value ? (lang === 'cs' ? 'ano' : 'yes') : lang === 'cs' ? 'ne' : 'no';

const senderLabels: Record<Sender, { cs: string; en: string }> = {
  client: { cs: 'Klient', en: 'Client' },
  operator: { cs: 'Operátor', en: 'Operator' },
  chatbot: { cs: 'Chatbot', en: 'Chatbot' },
  system: { cs: 'Systém', en: 'System' },
};

export const senderLabel = (sender: string, lang: ExportLanguage): string =>
  senderLabels[sender as Sender]?.[lang] ?? sender;

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
