import type { StoreConfigReader } from '../config/store-config-reader';
import { StoreConfigurationError } from '../errors/store-configuration-error';
import { isUrlConnectionString, parseKeyValueConnectionString, parseUrlConnectionString } from './connection-strings';

/** Connection settings of a database server, from discrete keys or a connection string. @internal */
export interface ServerConnection {
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;

  /** Other settings of the connection string (sslmode, encrypt...), by normalized key. */
  readonly options: ReadonlyMap<string, string>;

  /** Whether the settings came from a connection string. */
  readonly fromConnectionString: boolean;
}

/** Config keys of each setting, in the order they are tried. @internal */
export const CONNECTION_KEYS = {
  connectionString: ['connectionString', 'conninfo'],
  host: ['host', 'server', 'hostName', 'address'],
  port: ['port'],
  user: ['user', 'username', 'userid', 'uid'],
  password: ['password', 'pwd'],
  database: ['dbname', 'database', 'initialCatalog'],
} as const;

/** The same settings inside a key-value connection string, normalized. */
const STRING_KEYS = {
  host: ['host', 'server', 'datasource', 'address', 'addr', 'networkaddress', 'hostaddr', 'hostname'],
  port: ['port'],
  user: ['user', 'username', 'userid', 'uid'],
  password: ['password', 'pwd'],
  database: ['dbname', 'database', 'initialcatalog'],
} as const;

/**
 * Reads where and as whom to connect. A non-empty `ConnectionString` (or `conninfo`) wins over
 * the discrete keys; it may be a URL with one of `schemes` or a key-value string (ADO.NET, ODBC
 * or libpq syntax). `host,port` and `tcp:host,port` (SQL Server syntax) are split.
 * @internal
 */
export function readServerConnection(settings: StoreConfigReader, schemes: readonly string[]): ServerConnection {
  const connectionString = settings.string(CONNECTION_KEYS.connectionString);
  if (connectionString === undefined) {
    return splitHostPort(settings.storeName, {
      host: settings.string(CONNECTION_KEYS.host),
      port: settings.integer(CONNECTION_KEYS.port, { min: 1, max: 65_535 }),
      user: settings.string(CONNECTION_KEYS.user),
      password: settings.string(CONNECTION_KEYS.password),
      database: settings.string(CONNECTION_KEYS.database),
      options: new Map(),
      fromConnectionString: false,
    });
  }

  if (isUrlConnectionString(connectionString)) {
    const url = parseUrlConnectionString(connectionString, settings.storeName);
    settings.addSecret(url.password);
    if (!schemes.includes(url.scheme)) {
      throw new StoreConfigurationError(
        `The connection string of store '${settings.storeName}' uses the scheme '${url.scheme}'; expected ${schemes.map((scheme) => `${scheme}://`).join(' or ')}.`,
      );
    }
    return { ...url, options: url.params, fromConnectionString: true };
  }

  const pairs = parseKeyValueConnectionString(connectionString);
  const first = (keys: readonly string[]): string | undefined => keys.map((key) => pairs.get(key)).find((value) => value !== undefined && value !== '');
  const port = first(STRING_KEYS.port);
  settings.addSecret(first(STRING_KEYS.password));
  return splitHostPort(settings.storeName, {
    host: first(STRING_KEYS.host),
    port: port === undefined ? undefined : parsePort(settings.storeName, port),
    user: first(STRING_KEYS.user),
    password: first(STRING_KEYS.password),
    database: first(STRING_KEYS.database),
    options: pairs,
    fromConnectionString: true,
  });
}

function splitHostPort(storeName: string, connection: ServerConnection): ServerConnection {
  if (connection.host === undefined) {
    return connection;
  }
  const host = connection.host.replace(/^tcp:/i, '');
  const comma = host.indexOf(',');
  if (comma === -1) {
    return { ...connection, host };
  }
  return {
    ...connection,
    host: host.slice(0, comma).trim(),
    port: connection.port ?? parsePort(storeName, host.slice(comma + 1).trim()),
  };
}

function parsePort(storeName: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new StoreConfigurationError(`The connection string of store '${storeName}' has an invalid port (got ${JSON.stringify(text)}).`);
  }
  return port;
}
