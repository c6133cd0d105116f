/// <reference types="vitest/config" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
// The API server the dev server forwards to; override when it runs elsewhere.
const apiTarget = process.env.SESSIONDESK_API_URL ?? 'http://localhost:3000';

/**
 * Writes a Brotli and a gzip sibling of every text asset after the build, once, so the server sends
 * them compressed (`preCompressed`) without compressing on each request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'sessiondesk-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
          const full = path.join(dir, entry.name);
          return entry.isDirectory() ? walk(full) : [full];
        });
      for (const file of walk(outDir).filter((name) => /\.(js|css|html|svg|json)$/.test(name))) {
        const content = fs.readFileSync(file);
        if (content.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  // Keep Vite's dependency cache with the repository's node_modules rather than creating web/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    // The output lives outside `root`, so Vite only empties it when told to.
    emptyOutDir: true,
    // Source maps would publish the UI's source; build them only when asked (SOURCEMAP=true).
    sourcemap: process.env.SOURCEMAP === 'true',
    rolldownOptions: {
      output: {
        // Libraries change far less often than our code; separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-number-format)/,
              priority: 2,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // The Host header is kept as-is so the server's same-origin and cookie checks see the browser's origin.
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
  test: {
    name: 'web',
    root: webRoot,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
