import { describe, expect, it } from 'vitest';
import { CELL_LIMIT, csvWriter, safeCell, truncationMarker } from './csv-writer';

describe('CSV cells', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    for (const value of ['=1+2', '+420 777', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(safeCell(value, 'en')).toBe(`'${value}`);
    }
    for (const value of ['1+2', 'a=b', ' =x', 'Žluťoučký']) expect(safeCell(value, 'en')).toBe(value);
    expect(safeCell(-5, 'en')).toBe(-5);
    expect(safeCell(null, 'en')).toBeNull();
  });

  it('cuts text longer than the cell limit and says so', () => {
    const long = 'a'.repeat(45_120);
    const cut = safeCell(long, 'en') as string;
    expect(cut.length).toBe(CELL_LIMIT);
    expect(cut.endsWith('… [truncated: 45,120 characters; full text in the HTML export]')).toBe(true);
    expect(truncationMarker(45_120, 'cs')).toBe('… [zkráceno: 45 120 znaků; celý text je v HTML exportu]');
    expect(safeCell('b'.repeat(CELL_LIMIT), 'en')).toBe('b'.repeat(CELL_LIMIT));
  });

  it('never splits an emoji when cutting', () => {
    // The marker's length is the same for any five-digit length.
    const prefix = 'x'.repeat(CELL_LIMIT - truncationMarker(50_000, 'en').length - 1);
    const text = `${prefix}${'😀'.repeat(9_000)}`;
    const marker = truncationMarker(text.length, 'en');
    const cut = safeCell(text, 'en') as string;
    expect(cut.endsWith(marker)).toBe(true);
    const body = cut.slice(0, -marker.length);
    expect(body.endsWith('x')).toBe(true);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('writes BOM, quoted fields and CRLF line ends', () => {
    const writer = csvWriter('semicolon');
    expect(writer.header(['a', 'b;c'])).toBe('\ufeffa;"b;c"\r\n');
    expect(writer.rows([['řádek "1"', 'x\ny', 3, null]])).toBe('"řádek ""1""";"x\ny";3;\r\n');
    expect(csvWriter('comma').rows([['a,b', 1]])).toBe('"a,b",1\r\n');
  });
});
