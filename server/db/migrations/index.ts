import type { Migration } from 'kysely';
import * as foundation from './0001-foundation';
import * as search from './0002-search';

/**
 * Every migration, in order. Listed explicitly (no directory scan) so the set is the same under tsx,
 * vitest and any bundler. A committed migration is never edited: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-search': search,
};
