import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './duration';

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(2 * 86_400 + 4 * 3600 + 59)).toBe('2 d 4 h');
  });

  it('never shows negative or fractional seconds', () => {
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(59.6)).toBe('1 min 00 s');
  });
});

describe('formatBytes', () => {
  it('uses the locale’s decimal separator', () => {
    expect(formatBytes(820, 'en-GB')).toBe('820 B');
    expect(formatBytes(14_200, 'cs-CZ')).toBe('14,2 kB');
    expect(formatBytes(3_100_000, 'en-GB')).toBe('3.1 MB');
  });
});
