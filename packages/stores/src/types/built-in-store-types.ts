import { MysqlStore } from '../database/mysql-store';
import { PostgresStore } from '../database/postgres-store';
import { SnowflakeStore } from '../database/snowflake/snowflake-store';
import { SqliteStore } from '../database/sqlite-store';
import { SqlServerStore } from '../database/sqlserver-store';
import { FtpFileStore } from '../files/ftp-file-store';
import { GitlabFileStore } from '../files/gitlab-file-store';
import { LocalFileStore } from '../files/local-file-store';
import { S3FileStore } from '../files/s3-file-store';
import { SftpFileStore } from '../files/sftp-file-store';
import type { StoreTypeRegistry } from './store-type-registry';

/**
 * Registers the built-in store types and their aliases.
 * @internal
 */
export function registerBuiltInStoreTypes(registry: StoreTypeRegistry): void {
  registry.register('postgresql', PostgresStore, { aliases: ['postgres', 'pg'] });
  registry.register('mysql', MysqlStore, { aliases: ['mariadb', 'mysql2'] });
  registry.register('sqlserver', SqlServerStore, { aliases: ['mssql', 'sql server'] });
  registry.register('snowflake', SnowflakeStore);
  registry.register('sqlite', SqliteStore, { aliases: ['sqlite3'] });
  registry.register('sftp', SftpFileStore);
  registry.register('s3', S3FileStore);
  registry.register('gitlab', GitlabFileStore);
  registry.register('ftp', FtpFileStore, { aliases: ['ftps'] });
  registry.register('file', LocalFileStore, { aliases: ['directory', 'local'] });
}
