import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/sessiondesk.mjs');

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded cluster survives crashes: the next command after a kill -9 just works. */
describe('embedded PostgreSQL in DATA_DIR', { timeout: 120_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-embedded-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  afterAll(() => {
    const pid = postmasterPid(dataDir);
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the cluster on first use and stops it again when the command ends', async () => {
    const first = await run(['tenant', 'create', 'crash-test', '--name', 'Crash test'], env);
    expect(first.output).toContain('Created tenant crash-test');
    expect(first.code).toBe(0);
    expect(postmasterPid(dataDir)).toBeUndefined();
  });

  it('recovers when PostgreSQL was killed and left a stale postmaster.pid', async () => {
    // Start the cluster through a command, then simulate a crash: kill -9 leaves postmaster.pid behind.
    const started = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: '0', DEMO: 'false', SIMULATE: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await expect.poll(() => postmasterPid(dataDir), { timeout: 30_000 }).toBeGreaterThan(0);
    const pid = postmasterPid(dataDir)!;
    started.kill('SIGKILL');
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    const after = await run(
      ['user', 'create', '--tenant', 'crash-test', '--email', 'a@example.com', '--role', 'admin'],
      env,
    );
    expect(after.output).toContain('Created admin a@example.com');
    expect(after.code).toBe(0);
  });

  it('joins a cluster that a killed server left running, and leaves it running for its owner', async () => {
    const server = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: '0', DEMO: 'false', SIMULATE: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await expect.poll(() => postmasterPid(dataDir), { timeout: 30_000 }).toBeGreaterThan(0);
    const pid = postmasterPid(dataDir)!;
    server.kill('SIGKILL');

    const joined = await run(['apikey', 'create', '--tenant', 'crash-test', '--role', 'operator'], env);
    expect(joined.code).toBe(0);
    expect(joined.output.trim().split('\n').at(-1)).toMatch(/^sdk_\d+_\d+_/);
    expect(alive(pid)).toBe(true);
  });
});
