import type { Migration } from 'kysely';
import * as foundation from './0001-foundation';
import * as search from './0002-search';
import * as imports from './0003-imports';
import * as sessionList from './0004-session-list';
import * as live from './0005-live';
import * as exportJobs from './0006-exports';
import * as bulkImport from './0007-bulk-import';
import * as facetRollups from './0008-facet-rollups';
import * as searchVocabulary from './0009-search-vocabulary';
import * as administration from './0010-administration';
import * as messagingChannels from './0011-messaging-channels';
import * as bans from './0012-bans';
import * as restore from './0013-restore';
import * as recordingsAndFiles from './0014-recordings-and-files';
import * as sessionChanges from './0015-session-changes';
import * as preparedFiles from './0016-prepared-files';
import * as exportCells from './0017-export-cells';
import * as textSortIndexes from './0018-text-sort-indexes';
import * as sealedFileRefs from './0019-sealed-file-refs';

/**
 * Every migration, in order. Listed explicitly (no directory scan) so the set is the same under tsx,
 * vitest and any bundler. A committed migration is never edited: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-search': search,
  '0003-imports': imports,
  '0004-session-list': sessionList,
  '0005-live': live,
  '0006-exports': exportJobs,
  '0007-bulk-import': bulkImport,
  '0008-facet-rollups': facetRollups,
  '0009-search-vocabulary': searchVocabulary,
  '0010-administration': administration,
  '0011-messaging-channels': messagingChannels,
  '0012-bans': bans,
  '0013-restore': restore,
  '0014-recordings-and-files': recordingsAndFiles,
  '0015-session-changes': sessionChanges,
  '0016-prepared-files': preparedFiles,
  '0017-export-cells': exportCells,
  '0018-text-sort-indexes': textSortIndexes,
  '0019-sealed-file-refs': sealedFileRefs,
};
