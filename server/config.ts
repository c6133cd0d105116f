import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Unset: `info` (every request, JSON) in production and tests, `warn` on a developer's `npm start`
  // so the printed login is not buried under request lines.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Secure cookies need HTTPS; default on in production. */
  COOKIE_SECURE: booleanFlag.optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Seed a demo tenant on the first start with an empty database. */
  DEMO: booleanFlag.default(true),
  /** Behind a proxy, trust X-Forwarded-* for client IPs (rate limits, audit). */
  TRUST_PROXY: booleanFlag.default(false),
  /** With the demo, run a gentle traffic simulator so the Live view is alive (never in tests). */
  SIMULATE: booleanFlag.optional(),
  /** Seconds between simulated new sessions. */
  SIMULATE_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** 32 bytes (64 hex digits or base64) encrypting channel secrets at rest; else generated into DATA_DIR. */
  SESSIONDESK_SECRET_KEY: z
    .string()
    .refine((value) => secretKeyBytes(value) !== undefined, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
  /** The address platforms reach this server at (webhook URLs shown for channel accounts). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where recordings and session files are kept: the filesystem under DATA_DIR, or an S3-compatible store. */
  STORAGE: z.enum(['filesystem', 's3']).default('filesystem'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_PREFIX: z
    .string()
    .regex(/^(?:[A-Za-z0-9._-]+\/)*$/, 'must be empty or end with "/" (for example sessiondesk/)')
    .default(''),
  /** An S3-compatible server (MinIO, Ceph, Garage, …); AWS when unset. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style bucket addressing; default on with S3_ENDPOINT (what S3-compatible servers expect). */
  S3_FORCE_PATH_STYLE: booleanFlag.optional(),
  /** The largest recording the ingest API takes, in MiB. */
  MAX_RECORDING_MB: z.coerce.number().int().min(1).max(65536).default(4096),
  /** The largest file a client or an operator may send in a session, in MiB. */
  MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(25),
  /** Sessions the facet index keeps in memory over all tenants (~125 bytes each); 0 turns it off. */
  FACET_INDEX_MAX_SESSIONS: z.coerce.number().int().min(0).max(1_000_000_000).default(4_000_000),
  /** Tenants with fewer History sessions are counted in PostgreSQL instead. */
  FACET_INDEX_MIN_SESSIONS: z.coerce.number().int().min(1).max(1_000_000_000).default(20_000),
  /**
   * A large tenant's filter list under a content search or a text/parameter filter is estimated from a
   * sample; when the sample finds few matches, PostgreSQL counts it exactly for up to this long (0:
   * never).
   */
  FACET_RARE_COUNT_MS: z.coerce.number().int().min(0).max(60_000).default(80),
});

/** The 32-byte key of a SESSIONDESK_SECRET_KEY value (hex or base64), or undefined when it is not one. */
export function secretKeyBytes(value: string): Buffer | undefined {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  cookieSecure: boolean;
  sessionTtlHours: number;
  demo: boolean;
  trustProxy: boolean;
  simulate: boolean;
  simulateIntervalSeconds: number;
  /** The channel secrets' key from the environment; undefined: generated once into `dataDir`. */
  secretKey: Buffer | undefined;
  /** Where platforms reach this server (webhook URLs); default http://localhost:PORT. */
  publicUrl: string;
  storage: StorageConfig;
  /** Limits of what the ingest and upload APIs take, in bytes. */
  maxRecordingBytes: number;
  maxFileBytes: number;
  /** The facet index's bounds (session-facts.ts); `maxSessions` 0: no index, SQL counts everything. */
  facetIndex: { minSessions: number; maxSessions: number; rareCountMs: number };
}

export type StorageConfig =
  | { kind: 'filesystem'; root: string }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      endpoint: string | undefined;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export class ConfigError extends Error {}

/** Parses the environment once at boot; bad values stop the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most tools.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  if (e.STORAGE === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
      (name) => !e[name],
    );
    if (missing.length > 0)
      throw new ConfigError(
        `Invalid configuration:\n${missing.map((name) => `  ${name}: required with STORAGE=s3`).join('\n')}`,
      );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'development' ? 'warn' : 'info'),
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    demo: e.DEMO,
    trustProxy: e.TRUST_PROXY,
    simulate: e.SIMULATE ?? (e.DEMO && e.NODE_ENV !== 'test'),
    simulateIntervalSeconds: e.SIMULATE_INTERVAL_SECONDS,
    secretKey: e.SESSIONDESK_SECRET_KEY ? secretKeyBytes(e.SESSIONDESK_SECRET_KEY) : undefined,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    storage:
      e.STORAGE === 's3'
        ? {
            kind: 's3',
            bucket: e.S3_BUCKET ?? '',
            prefix: e.S3_PREFIX,
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
            forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
          }
        : { kind: 'filesystem', root: path.join(dataDir, 'objects') },
    maxRecordingBytes: e.MAX_RECORDING_MB * 1024 * 1024,
    maxFileBytes: e.MAX_FILE_MB * 1024 * 1024,
    facetIndex: {
      minSessions: e.FACET_INDEX_MIN_SESSIONS,
      maxSessions: e.FACET_INDEX_MAX_SESSIONS,
      rareCountMs: e.FACET_RARE_COUNT_MS,
    },
  };
}
