import type { Readable } from 'node:stream';

/**
 * Where files live: recordings, files sent in sessions, media fetched from messaging platforms. One
 * small interface with two implementations — the local filesystem under the data directory (the
 * default, one machine) and an S3-compatible object store (production, any number of instances).
 * The database keeps the key and the metadata; the bytes never pass through PostgreSQL.
 *
 * Keys are relative paths of safe characters (`tenants/7/recordings/12`), chosen by the caller so a
 * retried write lands on the same object.
 */
export interface ObjectStore {
  readonly kind: 'filesystem' | 's3';
  /**
   * Streams `body` into the object `key` (replacing it), without holding it in memory. Resolves with
   * the size once the object is complete; when the stream fails, nothing is left under the key.
   */
  put(key: string, body: Readable, options: { contentType: string }): Promise<{ size: number }>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** A stream of the object, or of the bytes `start`…`end` (inclusive) of it. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Refuses a key that could leave the store's root (`..`, absolute paths, odd characters). */
export function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.length > 512 || key.split('/').some((part) => part === '..')) {
    throw new Error(`Not a valid object key: ${JSON.stringify(key.slice(0, 100))}`);
  }
  return key;
}

/** Keys by what they hold, so a tenant's objects share a prefix (and a bucket policy could use it). */
export const objectKeys = {
  recording: (tenantId: string, recordingId: string) => `tenants/${tenantId}/recordings/${recordingId}`,
  sessionFile: (tenantId: string, name: string) => `tenants/${tenantId}/files/${name}`,
};
