import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  dataDir: string;
  login: { tenant: string; email: string; password: string };
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the real server exactly as `npm start` does (after the UI build), in a fresh data directory
 * with its own embedded PostgreSQL, and reads the login it prints — the quick start's contract.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-e2e-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/sessiondesk.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SIMULATE: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const login = await new Promise<RunningServer['login']>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not print a login within 90 s:\n${output}`)),
      90_000,
    );
    const check = (): void => {
      const match = /workspace: (\S+)\s+e-mail: (\S+)\s+password: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ tenant: match[1]!, email: match[2]!, password: match[3]! });
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    login,
    stop: () => stopChild(child, dataDir),
  };
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
