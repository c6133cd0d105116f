/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, refusing
 * connections, the pool waiting in vain) rather than a fault in a query: such a request is answered
 * 503 `unavailable` with Retry-After, which is the truth, instead of 500 `internal`.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
/** SQLSTATE: too_many_connections, admin/crash shutdown, cannot connect now (starting, recovering). */
const SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03']);
const POOL_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (POOL_MESSAGES.some((text) => error.message.includes(text))) return true;
  // Node reports a refused connection to every address of a host as an AggregateError.
  return error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner));
}

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;
