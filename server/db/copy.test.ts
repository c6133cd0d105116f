import { afterAll, describe, expect, inject, it } from 'vitest';
import { withConnection } from './connection';
import { copyField, copyRows } from './copy';
import { connectDatabase } from './database';

const database = connectDatabase(inject('databaseUrl'), { max: 2, applicationName: 'sessiondesk-test' });
afterAll(() => database.close());

describe('COPY text format', () => {
  it('escapes the separators and writes nulls, booleans, times and bytes', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('plain')).toBe('plain');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(new Date('2025-03-01T08:15:00.123Z'))).toBe('2025-03-01T08:15:00.123Z');
    expect(copyField(Buffer.from([0, 255]))).toBe('\\\\x00ff');
  });

  it('round-trips awkward values through the database unchanged', async () => {
    const rows = [
      [
        'tab\there, newline\nhere, CR\rhere',
        '{"a": "back\\\\slash \\"quoted\\""}',
        '{1,2}',
        true,
        Buffer.from('hi'),
      ],
      ['\\N is text here, not null', '{}', '{}', false, Buffer.alloc(0)],
      [null, null, null, null, null],
      ['Příliš žluťoučký kůň 🐎', '{"emoji": "🐎"}', '{3}', true, Buffer.from([1, 2, 3])],
    ] as const;
    const read = await withConnection(database.db, async ({ client }) => {
      await client.query(
        'CREATE TEMPORARY TABLE copy_test (n serial, t text, j jsonb, a bigint[], b boolean, h bytea)',
      );
      try {
        const written = await copyRows(client, 'copy_test', ['t', 'j', 'a', 'b', 'h'], rows);
        expect(written).toBe(rows.length);
        const result = await client.query<{
          t: string | null;
          j: unknown;
          a: string[] | null;
          b: boolean | null;
          h: Buffer | null;
        }>('SELECT t, j, a, b, h FROM copy_test ORDER BY n');
        return result.rows;
      } finally {
        await client.query('DROP TABLE copy_test');
      }
    });
    expect(read).toEqual([
      {
        t: 'tab\there, newline\nhere, CR\rhere',
        j: { a: 'back\\slash "quoted"' },
        a: ['1', '2'],
        b: true,
        h: Buffer.from('hi'),
      },
      { t: '\\N is text here, not null', j: {}, a: [], b: false, h: Buffer.alloc(0) },
      { t: null, j: null, a: null, b: null, h: null },
      { t: 'Příliš žluťoučký kůň 🐎', j: { emoji: '🐎' }, a: ['3'], b: true, h: Buffer.from([1, 2, 3]) },
    ]);
  });

  it('refuses names that are not plain identifiers', async () => {
    await withConnection(database.db, async ({ client }) => {
      await expect(copyRows(client, 'sessions; DROP TABLE x', ['a'], [['1']])).rejects.toThrow(
        'Not a plain identifier',
      );
    });
  });
});
