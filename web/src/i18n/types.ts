import type { cs } from './cs';

export type MessageKey = keyof typeof cs;

/** Placeholder names in a message, e.g. `'Try {when} at {time}'` → `'when' | 'time'`. */
export type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type MessageParams<Key extends MessageKey> = Placeholders<(typeof cs)[Key]>;

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void
  ? I
  : never;

/** A translation must keep every placeholder of the Czech source text. */
type TranslatedText<Key extends MessageKey> = [MessageParams<Key>] extends [never]
  ? string
  : UnionToIntersection<
      MessageParams<Key> extends infer Name extends string ? `${string}{${Name}}${string}` : never
    >;

/** Every language's dictionary has exactly the Czech keys, with the same placeholders. */
export type Dictionary = { readonly [Key in MessageKey]: TranslatedText<Key> };

export type TranslateArgs<Key extends MessageKey> = [MessageParams<Key>] extends [never]
  ? []
  : [params: Readonly<Record<MessageParams<Key>, string | number>>];

export type Translate = <Key extends MessageKey>(key: Key, ...args: TranslateArgs<Key>) => string;

/** Keys whose text has no placeholders, e.g. for storing a message to show later. */
export type PlainMessageKey = {
  [Key in MessageKey]: [MessageParams<Key>] extends [never] ? Key : never;
}[MessageKey];
