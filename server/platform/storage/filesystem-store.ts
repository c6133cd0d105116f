import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkKey, type ObjectStore } from './object-store';

/**
 * Objects as files under one directory (`DATA_DIR/objects` by default). A write goes to a temporary
 * file beside its target and is renamed into place when complete, so a reader never sees half an
 * object and a failed write leaves nothing.
 */
export function filesystemStore(root: string): ObjectStore {
  const resolve = (key: string) => path.join(root, checkKey(key));

  return {
    kind: 'filesystem',

    async put(key, body) {
      const target = resolve(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.partial-${randomUUID()}`;
      try {
        await pipeline(body, fs.createWriteStream(partial, { flags: 'wx' }));
        const { size } = await fs.promises.stat(partial);
        await fs.promises.rename(partial, target);
        return { size };
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw error;
      }
    },

    async stat(key) {
      try {
        const stats = await fs.promises.stat(resolve(key));
        return stats.isFile() ? { size: stats.size } : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async read(key, range) {
      const file = resolve(key);
      // Open first, so a missing file fails here rather than in the middle of a response.
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },

    async delete(key) {
      await fs.promises.rm(resolve(key), { force: true });
    },
  };
}
