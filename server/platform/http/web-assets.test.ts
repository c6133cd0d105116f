import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness';

/**
 * The built UI as a browser gets it: hashed assets compressed and cached for good, the page itself
 * revalidated on every load so a release is picked up. Needs the UI built (`npm test` builds it first).
 */
describe('serving the built web UI', async () => {
  const { app } = await useTestApp();
  const assets = path.resolve(import.meta.dirname, '../../../dist/web/assets');
  const script = fs.readdirSync(assets).find((name) => /^index-.+\.js$/.test(name));

  it('sends hashed assets Brotli- or gzip-compressed and immutable', async () => {
    expect(script, 'the UI is built').toBeDefined();
    const original = fs.readFileSync(path.join(assets, script!));

    const brotli = await app.inject({
      method: 'GET',
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(brotli.rawPayload).equals(original)).toBe(true);

    const gzip = await app.inject({
      method: 'GET',
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).equals(original)).toBe(true);

    const plain = await app.inject({
      method: 'GET',
      url: `/assets/${script}`,
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('revalidates the page itself, which paints a placeholder before the scripts run', async () => {
    const page = await app.inject({ method: 'GET', url: '/sessions', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toMatch(/<div id="root">\s*<div[^>]*aria-busy="true"/);
  });
});
