/**
 * Logger that Local States writes to. Messages are constant strings and the
 * context goes in `meta`, so any structured logger (winston, pino, console)
 * can be passed in.
 *
 * @public
 */
export interface StatesLocalLogger {
  debug(message: string, meta?: object): void;
  info(message: string, meta?: object): void;
  warn(message: string, meta?: object): void;
  error(message: string, meta?: object): void;
}

/** Logger that drops every entry: the default of the in-process API. */
export const silentLogger: StatesLocalLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
