import type { Column } from '../sessions.api';

/** Column widths by type, in pixels: the table, its header and its loading skeleton share them. */
export const ROW_WIDTHS: Record<Column['type'], number> = {
  id: 110,
  text: 190,
  enum: 170,
  datetime: 205,
  duration: 150,
  number: 130,
  boolean: 120,
  tags: 190,
  people: 210,
  ref: 170,
};
