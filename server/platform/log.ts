/**
 * What services log through: the shape of a pino (and so Fastify) logger's methods, so the app's
 * logger is a `Log` as it is. Services get one explicitly, like every other side effect.
 */
export interface Log {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export const silentLog: Log = { error: () => {}, warn: () => {}, info: () => {} };

/**
 * A log for services made before the logger they should use exists (the HTTP app is built from the
 * services): it forwards to whatever `attach` was last given, and drops lines until then.
 */
export function forwardingLog(): Log & { attach(target: Log): void } {
  let target: Log = silentLog;
  return {
    attach: (next) => {
      target = next;
    },
    error: (details, message) => target.error(details, message),
    warn: (details, message) => target.warn(details, message),
    info: (details, message) => target.info(details, message),
  };
}
