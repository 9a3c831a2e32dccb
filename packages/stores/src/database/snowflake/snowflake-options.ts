import type { ConnectionOptions } from 'snowflake-sdk';

import type { StoreConfigReader } from '../../config/store-config-reader';
import { StoreConfigurationError } from '../../errors/store-configuration-error';
import { normalizeConfigKey } from '../../secrets/secret-keys';

/** Port used with a custom `Host` when the Config sets none. @public */
export const DEFAULT_SNOWFLAKE_PORT = 443;

/** Config keys of each Snowflake setting, in the order they are tried. @internal */
export const SNOWFLAKE_KEYS = {
  connectionString: ['connectionString', 'conninfo'],
  host: ['host'],
  account: ['account', 'accountIdentifier'],
  port: ['port'],
  user: ['username', 'user', 'userid'],
  password: ['password'],
  database: ['database', 'dbname'],
  warehouse: ['warehouse'],
  schema: ['schema'],
  role: ['role'],
} as const;

/**
 * Reads the snowflake-sdk connection options, like the Python library: a non-empty
 * `ConnectionString` must be a `snowflake://user:password@account/database?warehouse=...` URL
 * (query keys warehouse, schema, role, host, account, port); otherwise `Username`, `Password`,
 * `Database` and one of `Host` or `Account` are required.
 * @internal
 */
export function readSnowflakeOptions(settings: StoreConfigReader): ConnectionOptions {
  const connectionString = settings.string(SNOWFLAKE_KEYS.connectionString);
  if (connectionString !== undefined) {
    return fromUrl(settings, connectionString);
  }

  const host = settings.string(SNOWFLAKE_KEYS.host);
  const account = settings.string(SNOWFLAKE_KEYS.account);
  const username = settings.string(SNOWFLAKE_KEYS.user);
  const password = settings.string(SNOWFLAKE_KEYS.password);
  const database = settings.string(SNOWFLAKE_KEYS.database);

  const missing = [
    host === undefined && account === undefined ? 'Host or Account' : undefined,
    username === undefined ? 'Username' : undefined,
    password === undefined ? 'Password' : undefined,
    database === undefined ? 'Database' : undefined,
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) {
    throw new StoreConfigurationError(`Store '${settings.storeName}' needs ${missing.join(', ')} in its Config when no ConnectionString is set.`);
  }

  return compact({
    account: account ?? accountFromHost(host!),
    host,
    port: host === undefined ? undefined : (settings.integer(SNOWFLAKE_KEYS.port, { min: 1, max: 65_535 }) ?? DEFAULT_SNOWFLAKE_PORT),
    username,
    password,
    database,
    warehouse: settings.string(SNOWFLAKE_KEYS.warehouse),
    schema: settings.string(SNOWFLAKE_KEYS.schema),
    role: settings.string(SNOWFLAKE_KEYS.role),
  });
}

function fromUrl(settings: StoreConfigReader, text: string): ConnectionOptions {
  if (!/^snowflake:\/\//i.test(text.trim())) {
    throw new StoreConfigurationError(
      `The connection string of store '${settings.storeName}' must be a snowflake:// URL, like snowflake://user:password@account/DATABASE?warehouse=WH.`,
    );
  }

  const url = parseSnowflakeUrl(text.trim(), settings.storeName);
  settings.addSecret(url.password);
  const host = url.params.get('host');
  const port = url.params.get('port');
  const account = url.params.get('account') ?? url.host ?? (host === undefined ? undefined : accountFromHost(host));
  if (account === undefined) {
    throw new StoreConfigurationError(`The connection string of store '${settings.storeName}' names no account: put it after the @ or in ?account= or ?host=.`);
  }
  let resolvedPort: number | undefined = port === undefined ? undefined : Number(port);
  if (resolvedPort === undefined && host !== undefined) {
    resolvedPort = DEFAULT_SNOWFLAKE_PORT;
  }
  return compact({
    account,
    host,
    port: resolvedPort,
    username: url.user,
    password: url.password,
    database: url.database,
    warehouse: url.params.get('warehouse'),
    schema: url.params.get('schema'),
    role: url.params.get('role'),
  });
}

/** Pattern of `snowflake://[user[:password]@][account][/database][?query]`; the account may be empty. */
const SNOWFLAKE_URL = /^snowflake:\/\/(?:([^:@/?]*)(?::([^@/?]*))?@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/is;

interface SnowflakeUrl {
  readonly user?: string;
  readonly password?: string;
  readonly host?: string;
  readonly database?: string;
  readonly params: Map<string, string>;
}

/**
 * Parses a snowflake:// URL by hand: unlike the WHATWG parser, it accepts an empty account
 * (`snowflake://user:pass@/DB?host=...`), as the Python library does. Errors never quote the text.
 */
function parseSnowflakeUrl(text: string, storeName: string): SnowflakeUrl {
  const match = SNOWFLAKE_URL.exec(text);
  if (match === null) {
    throw new StoreConfigurationError(`The connection string of store '${storeName}' is not a valid snowflake:// URL.`);
  }
  const [, user, password, host, path, query] = match;
  try {
    const params = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(query ?? '')) {
      params.set(normalizeConfigKey(key), value);
    }
    const database = decodeURIComponent((path ?? '').split('/')[0] ?? '');
    return {
      user: user === undefined || user === '' ? undefined : decodeURIComponent(user),
      password: password === undefined ? undefined : decodeURIComponent(password),
      host: host === undefined || host === '' ? undefined : decodeURIComponent(host),
      database: database === '' ? undefined : database,
      params,
    };
  } catch {
    throw new StoreConfigurationError(`The connection string of store '${storeName}' has an invalid percent-encoding.`);
  }
}

/** Returns the first label of a Snowflake host name (`xy12345.eu-west-1...`), which is the account. */
function accountFromHost(host: string): string {
  return host.split('.')[0]!;
}

function compact(options: Record<string, unknown>): ConnectionOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== '')) as ConnectionOptions;
}
