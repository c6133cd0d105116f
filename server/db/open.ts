import { sql } from 'kysely';
import type { Config } from '../config';
import { connectDatabase, type DatabaseHandle } from './database';
import { openEmbeddedDatabase } from './embedded-postgres';

/** Connects to DATABASE_URL, or starts (or joins) the embedded cluster in DATA_DIR. */
export async function openDatabase(
  config: Config,
  log: (line: string) => void,
  options: { max?: number; applicationName?: string } = {},
): Promise<DatabaseHandle & { embedded: boolean }> {
  if (config.databaseUrl) {
    return { ...connectDatabase(config.databaseUrl, options), embedded: false };
  }
  const embedded = await openEmbeddedDatabase(config.dataDir, log);
  const applicationName = `${options.applicationName ?? 'sessiondesk'}:${process.pid}`;
  const handle = connectDatabase(embedded.url, { ...options, applicationName });
  return {
    ...handle,
    embedded: true,
    close: async () => {
      // Another process (the server, a CLI command) may be using the cluster this one started: leave it
      // running for them; whoever opens it next joins it.
      const others = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND application_name <> ${applicationName}`
        .execute(handle.db)
        .then(
          (result) => result.rows[0]?.count ?? 0,
          () => 0,
        );
      await handle.close();
      if (others === 0) await embedded.release();
    },
  };
}
