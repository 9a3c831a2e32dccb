export type { StoreLogger } from './logging/store-logger';

export {
  StoreError,
  StoreNotFoundError,
  StoreUnavailableError,
  StoreKindError,
  StoreConfigurationError,
  InvalidFileTokenError,
  StoreFileNotFoundError,
  ReadOnlyStoreError,
  StoreOperationError,
} from './errors';

export { REDACTED, redactConfig, protectConfig, scrubSecrets } from './secrets/redaction';
export { isSecretConfigKey, normalizeConfigKey } from './secrets/secret-keys';

export { StoreConfigReader, type ConfigEntry } from './config/store-config-reader';
export { DEFAULT_HEALTH_CHECK_DELAY_SECONDS, type StoreDefinition, type StoreSource } from './config/store-definition';
export { normalizeStoreDefinition, type NormalizeStoreDefinitionOptions } from './config/normalize-store-definition';
export {
  loadStoreDefinitions,
  parseStoreDefinitions,
  STORE_CONFIG_VARIABLE,
  DEFAULT_STORE_CONFIG_FILE,
  type LoadStoreDefinitionsOptions,
  type ParseStoreDefinitionsOptions,
} from './config/load-store-definitions';

export { parseFileToken, formatFileToken, normalizeFilePath, type FileToken } from './tokens/file-token';

export {
  isDbStore,
  isFileStore,
  type Store,
  type StoreKind,
  type DbStore,
  type DbQueryRunner,
  type DbTransaction,
  type QueryBindings,
  type StreamQueryOptions,
  type BulkInsertOptions,
  type FileStore,
  type FileStat,
  type FileContent,
} from './stores/store';
export type { StoreContext } from './stores/store-context';
export { BaseStore } from './stores/base-store';

export { StoreTypeRegistry } from './types/store-type-registry';
export { StoreType } from './types/store-type.decorator';
export { getStoreTypeMetadata, type StoreFactory, type StoreClass, type StoreTypeOptions, type StoreTypeMetadata } from './types/store-type-metadata';

export { StoreRegistry, type StoreRegistryOptions } from './registry/store-registry';
export { StoreSnapshot } from './registry/store-snapshot';
export { StoreLookup, type ResolvedFileToken } from './registry/store-lookup';
export type { StoreDefinitionChanges } from './registry/build-entries';
export type { StoreHealth } from './registry/store-health-checker';

export { KnexDbStore, DEFAULT_POOL_MAX, DEFAULT_CONNECT_TIMEOUT_SECONDS } from './database/knex-db-store';
export { SqliteStore, SQLITE_MEMORY } from './database/sqlite-store';
export { PostgresStore, DEFAULT_POSTGRES_PORT } from './database/postgres-store';
export { MysqlStore, DEFAULT_MYSQL_PORT } from './database/mysql-store';
export { SqlServerStore, DEFAULT_SQLSERVER_PORT } from './database/sqlserver-store';
export { SnowflakeStore } from './database/snowflake/snowflake-store';
export { DEFAULT_SNOWFLAKE_PORT } from './database/snowflake/snowflake-options';
export { parseKeyValueConnectionString } from './database/connection-strings';

export { BaseFileStore } from './files/base-file-store';
export { LocalFileStore } from './files/local-file-store';
export { FtpFileStore, DEFAULT_FTP_PORT, DEFAULT_FTP_TIMEOUT_SECONDS, type FtpEncryption } from './files/ftp-file-store';
export { GitlabFileStore, DEFAULT_GITLAB_TIMEOUT_SECONDS } from './files/gitlab-file-store';
export { S3FileStore, DEFAULT_S3_REGION, S3_PART_SIZE_BYTES, S3_UPLOAD_QUEUE_SIZE } from './files/s3-file-store';
export { SftpFileStore, DEFAULT_SFTP_PORT, DEFAULT_SFTP_CONNECT_TIMEOUT_SECONDS } from './files/sftp-file-store';
