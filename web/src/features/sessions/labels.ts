import { EMPTY_VALUE, PARAM_PREFIX } from '../../../../common/columns';
import { isLabelledEnum } from '../../../../common/labels';
import { cs } from '../../i18n/cs';
import type { Formatters, Language, MessageKey, Translate } from '../../i18n';
import { formatDuration } from '../../lib/duration';
import type { Column, SessionItem } from './sessions.api';

export function columnLabel(column: Column | undefined, id: string, language: Language): string {
  if (column) return column.label[language];
  return id.startsWith(PARAM_PREFIX) ? id.slice(PARAM_PREFIX.length) : id;
}

function isMessageKey(key: string): key is MessageKey {
  return key in cs;
}

/** A filter or facet value as people read it: enums translated, booleans as yes/no, "(empty)" localised. */
export function valueLabel(columnId: string, value: string, t: Translate, serverLabel?: string): string {
  if (value === EMPTY_VALUE) return t('sessions.value.empty');
  if (isLabelledEnum(columnId)) {
    const key = `enum.${columnId}.${value}`;
    if (isMessageKey(key)) return t(key as Parameters<Translate>[0] & `enum.${string}`);
  }
  if (value === 'true' || value === 'false') {
    if (columnId === 'hasRecording' || columnId === 'banned') {
      return t(value === 'true' ? 'sessions.value.yes' : 'sessions.value.no');
    }
  }
  return serverLabel && serverLabel !== '' ? serverLabel : value;
}

export function enumLabel(columnId: string, value: string | null, t: Translate): string {
  return value === null ? '' : valueLabel(columnId, value, t);
}

/** The raw value of a column in a row, for columns shown as plain text. */
export function cellText(column: Column, item: SessionItem, t: Translate, format: Formatters): string {
  if (column.id.startsWith(PARAM_PREFIX)) return item.params[column.id.slice(PARAM_PREFIX.length)] ?? '';
  const value = (item as unknown as Record<string, unknown>)[column.id];
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'enum':
      return enumLabel(column.id, value as string, t);
    case 'datetime':
      return format.dateTime(value as string);
    case 'duration':
      return formatDuration(value as number);
    case 'number':
      return format.number(value as number);
    case 'boolean':
      return t(value ? 'sessions.value.yes' : 'sessions.value.no');
    case 'tags':
      return (value as string[]).join(', ');
    case 'people':
      return (value as { name: string }[]).map((person) => person.name).join(', ');
    case 'ref':
      return (value as { name: string }).name;
    case 'id':
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
}
