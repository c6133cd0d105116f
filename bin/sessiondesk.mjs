#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx: one code path for `npm start`, the CLI and tests.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
