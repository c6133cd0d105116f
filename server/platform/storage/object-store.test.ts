import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesystemStore } from './filesystem-store';
import type { ObjectStore } from './object-store';
import { s3Store } from './s3-store';

/**
 * One contract, two stores: the filesystem under a temporary directory, and the S3 adapter against a
 * real S3-compatible server (s3rver, an HTTP server speaking the S3 REST API, started here).
 */
const stores: { name: string; open: () => Promise<{ store: ObjectStore; close: () => Promise<void> }> }[] = [
  {
    name: 'filesystem',
    async open() {
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sd-objects-'));
      return {
        store: filesystemStore(dir),
        close: () => fs.promises.rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 's3',
    async open() {
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sd-s3rver-'));
      const server = new S3rver({
        port: 0,
        address: '127.0.0.1',
        silent: true,
        directory: dir,
        configureBuckets: [{ name: 'recordings', configs: [] }],
      });
      const address = (await server.run()) as { port: number };
      return {
        store: s3Store({
          bucket: 'recordings',
          prefix: 'sessiondesk/',
          endpoint: `http://127.0.0.1:${address.port}`,
          region: 'us-east-1',
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
          forcePathStyle: true,
        }),
        async close() {
          await server.close();
          await fs.promises.rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(stores)('object store: $name', ({ open }) => {
  let store: ObjectStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(() => close());

  it('round-trips an object, whole and by byte range', async () => {
    await expect(
      store.put('tenants/1/files/a.txt', Readable.from(['hello ', 'world']), { contentType: 'text/plain' }),
    ).resolves.toEqual({ size: 11 });
    expect(await store.stat('tenants/1/files/a.txt')).toEqual({ size: 11 });
    expect(await text(await store.read('tenants/1/files/a.txt'))).toBe('hello world');
    expect(await text(await store.read('tenants/1/files/a.txt', { start: 6, end: 10 }))).toBe('world');
    expect(await text(await store.read('tenants/1/files/a.txt', { start: 0, end: 0 }))).toBe('h');
  });

  it('streams a file larger than one multipart part and reads it back byte for byte', async () => {
    const size = 9 * 1024 * 1024 + 123;
    const bytes = crypto.randomBytes(size);
    const chunks = Array.from({ length: Math.ceil(size / 65536) }, (_, i) =>
      bytes.subarray(i * 65536, (i + 1) * 65536),
    );
    await expect(
      store.put('tenants/1/recordings/9', Readable.from(chunks), { contentType: 'audio/webm' }),
    ).resolves.toEqual({ size });
    const hash = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
    const back: Buffer[] = [];
    for await (const chunk of await store.read('tenants/1/recordings/9')) back.push(chunk as Buffer);
    expect(hash(Buffer.concat(back))).toBe(hash(bytes));
    const middle: Buffer[] = [];
    for await (const chunk of await store.read('tenants/1/recordings/9', {
      start: 5_000_000,
      end: 5_000_099,
    }))
      middle.push(chunk as Buffer);
    expect(Buffer.concat(middle).equals(bytes.subarray(5_000_000, 5_000_100))).toBe(true);
  });

  it('leaves nothing under the key when the body fails half way', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(
      store.put('tenants/1/files/broken', failing, { contentType: 'application/octet-stream' }),
    ).rejects.toThrow();
    expect(await store.stat('tenants/1/files/broken')).toBeNull();
  });

  it('deletes, and answers null for what is not there', async () => {
    await store.put('tenants/2/files/gone', Readable.from([Buffer.from('x')]), { contentType: 'text/plain' });
    await store.delete('tenants/2/files/gone');
    await store.delete('tenants/2/files/gone');
    expect(await store.stat('tenants/2/files/gone')).toBeNull();
  });

  it('refuses keys that could leave its root', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a//b', '', 'a/\u0000']) {
      await expect(store.stat(key)).rejects.toThrow(/valid object key/);
    }
  });
});
