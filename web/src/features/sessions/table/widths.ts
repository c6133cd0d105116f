import type { Column } from '../sessions.api';

/** Column widths by type, in pixels: the table, its header and its loading skeleton share them. */
const TYPE_WIDTHS: Record<Column['type'], number> = {
  id: 100,
  text: 190,
  enum: 175,
  datetime: 185,
  duration: 160,
  number: 130,
  boolean: 120,
  tags: 190,
  people: 210,
  ref: 170,
};

/**
 * Columns whose content is narrower than their type's: the status badge. With these widths each
 * view's default columns fit 1440 px with the detail closed, and ID, time, status, channel and operator
 * stay visible beside the open detail.
 */
const COLUMN_WIDTHS: Readonly<Record<string, number>> = { status: 140 };

export function columnWidth(column: Pick<Column, 'id' | 'type'>): number {
  return COLUMN_WIDTHS[column.id] ?? TYPE_WIDTHS[column.type];
}

export function gridTemplate(columns: readonly Pick<Column, 'id' | 'type'>[]): string {
  return columns.map((column) => `${columnWidth(column)}px`).join(' ');
}
