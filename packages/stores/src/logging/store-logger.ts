/**
 * Logger the stores write to. A winston `Logger` satisfies it, and so does `console`-like
 * code that accepts a message and a metadata object.
 *
 * Messages are constant strings; the context (store name, type, reason) travels in `meta`.
 * @public
 */
export interface StoreLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Logger that drops every entry, used when the caller passes none. @internal */
export const silentLogger: StoreLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Returns the message of an error-like value, for log metadata. @internal */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
