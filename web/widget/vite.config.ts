import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The embeddable web chat: one small script (`/widget.js`) with no framework, built beside the web app
 * (the app's build empties the folder first, this one only adds to it).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./widget.ts', import.meta.url)),
      name: 'SessiondeskWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
