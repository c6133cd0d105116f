import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'bin/sessiondesk.mjs');
const { services } = await useTestApp();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-import-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sessiondesk import', () => {
  it('names every rejected line, beyond what a summary lists, and exits with status 2', async () => {
    const tenant = await createTenant(services);
    const good = {
      externalId: 'cli-1',
      channel: 'phone',
      source: 'incoming_call',
      status: 'closed',
      createdAt: '2025-03-01T09:15:00+01:00',
      endedAt: '2025-03-01T09:20:00+01:00',
    };
    const lines = [JSON.stringify(good), ...Array.from({ length: 1200 }, (_, i) => `not json ${i}`)];
    const file = path.join(dir, 'mixed.ndjson');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await run(['import', file, '--tenant', tenant.slug]);
    expect(result.code).toBe(2);
    const rejected = result.stderr.split('\n').filter((line) => /^line \d+: not valid JSON/.test(line));
    expect(rejected).toHaveLength(1200);
    expect(rejected[0]).toMatch(/^line 2: /);
    expect(rejected.at(-1)).toMatch(/^line 1201: /);
    expect(result.stdout).toContain('1 created, 0 updated, 0 unchanged, 1200 rejected');
  });
});
