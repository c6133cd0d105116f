import type { Dictionary, MessageKey, TranslateArgs } from './types';

/** Fills `{name}` placeholders; numbers are formatted by the caller-supplied number formatter. */
export function translate<Key extends MessageKey>(
  dictionary: Dictionary,
  formatNumber: (value: number) => string,
  key: Key,
  ...args: TranslateArgs<Key>
): string {
  const text: string = dictionary[key];
  const params = args[0] as Readonly<Record<string, string | number>> | undefined;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}
