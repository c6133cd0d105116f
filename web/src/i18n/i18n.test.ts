import { describe, expect, it } from 'vitest';
import { cs } from './cs';
import { en } from './en';
import { formattersFor } from './format';
import { detectLanguage, resolveLocale } from './language';
import { translate } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  it('English has exactly the Czech keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(cs).sort());
  });

  it('every English text uses exactly the placeholders of its Czech source', () => {
    for (const key of Object.keys(cs) as (keyof typeof cs)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(cs[key]));
    }
  });
});

describe('language detection', () => {
  it('a remembered choice wins over the browser', () => {
    expect(detectLanguage('en', ['cs-CZ'])).toBe('en');
  });

  it('a Czech browser gets Czech, any other gets English', () => {
    expect(detectLanguage(null, ['cs-CZ', 'en'])).toBe('cs');
    expect(detectLanguage(null, ['cs'])).toBe('cs');
    expect(detectLanguage(null, ['sk-SK', 'cs'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });

  it('ignores a remembered value that is not a supported language', () => {
    expect(detectLanguage('de', ['cs-CZ'])).toBe('cs');
  });

  it('formats in the browser’s regional variant of the chosen language, else the default region', () => {
    expect(resolveLocale('en', ['en-US'])).toBe('en-US');
    expect(resolveLocale('en', ['cs-CZ'])).toBe('en-GB');
    expect(resolveLocale('cs', ['en-US', 'cs-CZ'])).toBe('cs-CZ');
  });
});

describe('translate', () => {
  it('fills placeholders and formats numbers in the locale', () => {
    const number = (value: number) => formattersFor('cs-CZ').number(value);
    expect(translate(cs, number, 'notFound.description', { path: '/x' })).toContain('/x');
    expect(translate(en, number, 'login.error.unexpected', { code: 12345 })).toContain('(12\u00a0345)');
  });
});

describe('formatters', () => {
  it('says when to retry in the user’s language, never sooner than asked', () => {
    expect(formattersFor('en-GB').relativeFromNow(600)).toBe('in 10 minutes');
    expect(formattersFor('cs-CZ').relativeFromNow(61)).toBe('za 2 minuty');
    expect(formattersFor('cs-CZ').relativeFromNow(30)).toBe('za 30 sekund');
  });
});
