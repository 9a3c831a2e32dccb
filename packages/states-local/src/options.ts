import { silentLogger, type StatesLocalLogger } from './logging/logger';

/**
 * Static credentials that Local States verifies SigV4 signatures against.
 *
 * @public
 */
export interface StatesLocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Options of {@link StatesLocal.start}.
 *
 * @public
 */
export interface StatesLocalOptions {
  /** TCP port to listen on; 0 picks a free port. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Region in ARNs. @default 'us-east-1' */
  region?: string;
  /** Twelve-digit account id in ARNs. @default '123456789012' */
  accountId?: string;
  /** How long GetActivityTask holds a poll before answering empty, in milliseconds. @default 60000 */
  pollHoldMs?: number;
  /** When set, every request must carry a valid SigV4 signature made with these credentials. @default undefined (any credentials are accepted) */
  credentials?: StatesLocalCredentials;
  /**
   * Whether a held poll whose client hung up still takes the next task, as
   * on AWS; that task is then counted in `tasksLost`. When false, such a
   * poll is dropped at once.
   * @default true
   */
  deliverToClosedPolls?: boolean;
  /** Logger for lifecycle entries and, at debug level, each request. @default a logger that drops every entry */
  logger?: StatesLocalLogger;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  port: number;
  host: string;
  region: string;
  accountId: string;
  pollHoldMs: number;
  credentials: StatesLocalCredentials | undefined;
  deliverToClosedPolls: boolean;
  logger: StatesLocalLogger;
}

/** Applies the defaults and checks each option, naming the one at fault. */
export function resolveOptions(options: StatesLocalOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    pollHoldMs: options.pollHoldMs ?? 60_000,
    credentials: options.credentials,
    deliverToClosedPolls: options.deliverToClosedPolls ?? true,
    logger: options.logger ?? silentLogger,
  };

  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65_535) {
    throw new TypeError(`StatesLocal option 'port' must be an integer from 0 to 65535, got ${resolved.port}.`);
  }

  if (!/^[a-z0-9-]+$/.test(resolved.region)) {
    throw new TypeError(`StatesLocal option 'region' must look like 'us-east-1', got '${resolved.region}'.`);
  }

  if (!/^\d{12}$/.test(resolved.accountId)) {
    throw new TypeError(`StatesLocal option 'accountId' must be twelve digits, got '${resolved.accountId}'.`);
  }

  if (!(Number.isFinite(resolved.pollHoldMs) && resolved.pollHoldMs >= 0)) {
    throw new TypeError(`StatesLocal option 'pollHoldMs' must be a number of milliseconds >= 0, got ${resolved.pollHoldMs}.`);
  }

  if (resolved.credentials !== undefined && (!resolved.credentials.accessKeyId || !resolved.credentials.secretAccessKey)) {
    throw new TypeError("StatesLocal option 'credentials' needs a non-empty accessKeyId and secretAccessKey.");
  }

  return resolved;
}
