import type { Channel, ClientLeft, DeliveryState, EndReason, Sender, Source, Status } from './domain';

/**
 * What each enumeration value is called, in Czech and English — the one list the UI's dictionaries
 * and both exports read. Typed against the enumerations, so a new value cannot miss its words.
 */
export const labelLanguages = ['cs', 'en'] as const;
export type LabelLanguage = (typeof labelLanguages)[number];

type Words = Readonly<Record<LabelLanguage, string>>;

const status = {
  queued: { cs: 'Ve frontě', en: 'Queued' },
  offered: { cs: 'Nabídnuto', en: 'Offered' },
  active: { cs: 'Probíhá', en: 'Active' },
  after_work: { cs: 'Dokončování', en: 'After work' },
  closed: { cs: 'Ukončeno', en: 'Closed' },
} as const satisfies Record<Status, Words>;

const channel = {
  webchat: { cs: 'Webchat', en: 'Web chat' },
  av: { cs: 'Audio/video', en: 'Audio/video' },
  phone: { cs: 'Telefon', en: 'Phone' },
  messenger: { cs: 'Messenger', en: 'Messenger' },
  whatsapp: { cs: 'WhatsApp', en: 'WhatsApp' },
  apple: { cs: 'Apple Messages', en: 'Apple Messages' },
  vkontakte: { cs: 'VKontakte', en: 'VKontakte' },
} as const satisfies Record<Channel, Words>;

const source = {
  widget: { cs: 'Widget', en: 'Widget' },
  invitation: { cs: 'Pozvánka', en: 'Invitation' },
  callback: { cs: 'Zpětné volání', en: 'Callback' },
  incoming_call: { cs: 'Příchozí hovor', en: 'Incoming call' },
  outgoing_call: { cs: 'Odchozí hovor', en: 'Outgoing call' },
  campaign: { cs: 'Kampaň', en: 'Campaign' },
  api: { cs: 'API', en: 'API' },
  restored: { cs: 'Obnovené sezení', en: 'Restored session' },
} as const satisfies Record<Source, Words>;

const endReason = {
  client_left: { cs: 'Klient odešel', en: 'Client left' },
  operator_ended: { cs: 'Ukončil operátor', en: 'Ended by operator' },
  chatbot_ended: { cs: 'Ukončil chatbot', en: 'Ended by chatbot' },
  client_abandoned: { cs: 'Klient opustil frontu', en: 'Client abandoned the queue' },
  operator_abandoned: { cs: 'Operátor opustil sezení', en: 'Operator abandoned' },
  routing_failed: { cs: 'Směrování selhalo', en: 'Routing failed' },
  window_expired: { cs: 'Vypršelo okno kanálu', en: 'Channel window expired' },
  api: { cs: 'Ukončeno přes API', en: 'Ended by API' },
  banned: { cs: 'Klient zablokován', en: 'Client banned' },
} as const satisfies Record<EndReason, Words>;

const clientLeft = {
  left_queue: { cs: 'Opustil frontu', en: 'Left the queue' },
  left_session: { cs: 'Opustil sezení', en: 'Left the session' },
  still_connected: { cs: 'Stále připojen', en: 'Still connected' },
} as const satisfies Record<ClientLeft, Words>;

const sender = {
  client: { cs: 'Klient', en: 'Client' },
  operator: { cs: 'Operátor', en: 'Operator' },
  chatbot: { cs: 'Chatbot', en: 'Chatbot' },
  system: { cs: 'Systém', en: 'System' },
} as const satisfies Record<Sender, Words>;

/** Where an outbound line of a messaging session is (the transcript's ticks, the exports). */
const deliveryState = {
  pending: { cs: 'Odesílá se', en: 'Sending' },
  sent: { cs: 'Odesláno', en: 'Sent' },
  delivered: { cs: 'Doručeno', en: 'Delivered' },
  read: { cs: 'Přečteno', en: 'Read' },
  failed: { cs: 'Nedoručeno', en: 'Not delivered' },
} as const satisfies Record<DeliveryState, Words>;

/** Enumerations by the column (or field) that holds them. */
export const enumLabels = { status, channel, source, endReason, clientLeft, sender, deliveryState } as const;
export type LabelledEnum = keyof typeof enumLabels;

export const isLabelledEnum = (id: string): id is LabelledEnum => Object.hasOwn(enumLabels, id);

/** A value's words; a value the list does not know is shown as stored, so a new value never breaks a view. */
export function enumLabel(enumId: string, value: string, language: LabelLanguage): string {
  if (!isLabelledEnum(enumId)) return value;
  const values: Readonly<Record<string, Words>> = enumLabels[enumId];
  return Object.hasOwn(values, value) ? (values[value]?.[language] ?? value) : value;
}

/** The dictionary keys the UI uses for the enumerations: `enum.<enum>.<value>`. */
export type EnumMessageKey = {
  [Enum in LabelledEnum]: `enum.${Enum}.${keyof (typeof enumLabels)[Enum] & string}`;
}[LabelledEnum];

/** Every enumeration's words in one language, as entries of the UI's dictionary. */
export function enumMessages(language: LabelLanguage): Record<EnumMessageKey, string> {
  const entries: [string, string][] = [];
  for (const [enumId, values] of Object.entries(enumLabels)) {
    for (const [value, words] of Object.entries(values as Record<string, Words>)) {
      entries.push([`enum.${enumId}.${value}`, words[language]]);
    }
  }
  return Object.fromEntries(entries) as Record<EnumMessageKey, string>;
}
