/**
 * The column catalogue of the sessions table, shared by the server (list, filters, facets, sorting,
 * exports) and the UI (column chooser, header filters). The server keeps how each column is read in
 * SQL beside it (server/modules/sessions/session-columns.ts), keyed by the same ids, so adding a column
 * is one entry here and one there — the compiler insists on both.
 */

export const columnTypes = [
  'id',
  'text',
  'enum',
  'datetime',
  'duration',
  'number',
  'boolean',
  'tags',
  'people',
  'ref',
] as const;
export type ColumnType = (typeof columnTypes)[number];

/** How the column is filtered: a set of values (with facets), a min/max range, text match, or not at all. */
export const filterKinds = ['values', 'range', 'text', 'none'] as const;
export type FilterKind = (typeof filterKinds)[number];

export interface Column {
  id: string;
  label: { cs: string; en: string };
  type: ColumnType;
  filter: FilterKind;
  sortable: boolean;
  defaultVisible: boolean;
}

/** The static columns, in the order the chooser lists them. `param.<name>` columns are added per tenant. */
export const staticColumns = [
  {
    id: 'id',
    label: { cs: 'ID', en: 'ID' },
    type: 'id',
    filter: 'text',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'externalId',
    label: { cs: 'Externí ID', en: 'External ID' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'status',
    label: { cs: 'Stav', en: 'Status' },
    type: 'enum',
    filter: 'values',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'channel',
    label: { cs: 'Kanál', en: 'Channel' },
    type: 'enum',
    filter: 'values',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'source',
    label: { cs: 'Zdroj', en: 'Source' },
    type: 'enum',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'createdAt',
    label: { cs: 'Vytvořeno', en: 'Created' },
    type: 'datetime',
    filter: 'range',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'acceptedAt',
    label: { cs: 'Přijato', en: 'Accepted' },
    type: 'datetime',
    filter: 'range',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'endedAt',
    label: { cs: 'Ukončeno', en: 'Ended' },
    type: 'datetime',
    filter: 'range',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'waitingTime',
    label: { cs: 'Čekání', en: 'Waiting time' },
    type: 'duration',
    filter: 'range',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'duration',
    label: { cs: 'Délka', en: 'Duration' },
    type: 'duration',
    filter: 'range',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'operator',
    label: { cs: 'Operátor', en: 'Operator' },
    type: 'people',
    filter: 'values',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'group',
    label: { cs: 'Skupina', en: 'Group' },
    type: 'ref',
    filter: 'values',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'chatbot',
    label: { cs: 'Chatbot', en: 'Chatbot' },
    type: 'ref',
    filter: 'values',
    sortable: false,
    defaultVisible: false,
  },
  {
    id: 'endReason',
    label: { cs: 'Důvod ukončení', en: 'End reason' },
    type: 'enum',
    filter: 'values',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'clientLeft',
    label: { cs: 'Odchod klienta', en: 'Client left' },
    type: 'enum',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'pageUrl',
    label: { cs: 'URL stránky', en: 'Page URL' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'widget',
    label: { cs: 'Widget', en: 'Widget' },
    type: 'ref',
    filter: 'values',
    sortable: false,
    defaultVisible: false,
  },
  {
    id: 'clientName',
    label: { cs: 'Klient', en: 'Client' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: true,
  },
  {
    id: 'clientEmail',
    label: { cs: 'E-mail klienta', en: 'Client e-mail' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'clientPhone',
    label: { cs: 'Telefon klienta', en: 'Client phone' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'clientIp',
    label: { cs: 'IP adresa', en: 'IP address' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'language',
    label: { cs: 'Jazyk', en: 'Language' },
    type: 'text',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'browser',
    label: { cs: 'Prohlížeč', en: 'Browser' },
    type: 'text',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'os',
    label: { cs: 'Operační systém', en: 'Operating system' },
    type: 'text',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'tags',
    label: { cs: 'Štítky', en: 'Tags' },
    type: 'tags',
    filter: 'values',
    sortable: false,
    defaultVisible: false,
  },
  {
    id: 'rating',
    label: { cs: 'Hodnocení', en: 'Rating' },
    type: 'number',
    filter: 'range',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'feedback',
    label: { cs: 'Zpětná vazba', en: 'Feedback' },
    type: 'text',
    filter: 'text',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'messageCount',
    label: { cs: 'Počet zpráv', en: 'Messages' },
    type: 'number',
    filter: 'range',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'hasRecording',
    label: { cs: 'Nahrávka', en: 'Recording' },
    type: 'boolean',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'banned',
    label: { cs: 'Zablokován', en: 'Banned' },
    type: 'boolean',
    filter: 'values',
    sortable: true,
    defaultVisible: false,
  },
  {
    id: 'restoredFrom',
    label: { cs: 'Obnoveno z', en: 'Restored from' },
    type: 'id',
    filter: 'text',
    sortable: false,
    defaultVisible: false,
  },
  {
    id: 'restoredAs',
    label: { cs: 'Obnoveno jako', en: 'Restored as' },
    type: 'id',
    filter: 'text',
    sortable: false,
    defaultVisible: false,
  },
] as const satisfies readonly Column[];

export type StaticColumnId = (typeof staticColumns)[number]['id'];

/** Parameter columns are `param.<name>`; the name is whatever the tenant's sessions carry. */
/**
 * What each view shows until the user chooses columns: the most telling first (they stay visible
 * beside the open detail), fitting 1440 px, and nothing constant in that view — every History session
 * is closed and no Live session has an end reason yet.
 */
export const defaultColumnsByView = {
  history: ['id', 'createdAt', 'channel', 'operator', 'group', 'clientName', 'duration', 'endReason'],
  live: ['id', 'createdAt', 'status', 'channel', 'operator', 'group', 'clientName', 'waitingTime'],
} as const satisfies Record<'history' | 'live', readonly (typeof staticColumns)[number]['id'][]>;

export const PARAM_PREFIX = 'param.';

/**
 * The column of one parameter name: filtered by a list of its values, or — a parameter of many values,
 * an order number or a customer id, whose list would be a scan of every session — by text (exact,
 * contains, empty).
 */
export function paramColumn(name: string, manyValues = false): Column {
  return {
    id: `${PARAM_PREFIX}${name}`,
    label: { cs: name, en: name },
    type: 'text',
    filter: manyValues ? 'text' : 'values',
    sortable: true,
    defaultVisible: false,
  };
}

/** The value a value-set filter uses for "no value" and facets return for missing values. */
export const EMPTY_VALUE = '(empty)';

export const DEFAULT_SORT = '-createdAt';
