import type { StorageConfig } from '../../config';
import { filesystemStore } from './filesystem-store';
import type { ObjectStore } from './object-store';
import { s3Store } from './s3-store';

/** The object store the configuration names. */
export function openObjectStore(config: StorageConfig): ObjectStore {
  return config.kind === 's3' ? s3Store(config) : filesystemStore(config.root);
}
