/**
 * Secret values the suite configures (Step Functions secret key, store
 * passwords, connection strings) and then searches for in every captured log
 * line and error output. Each is long and random-looking, so a match can only
 * be a leak.
 */
export const suiteSecrets = {
  /** `stepFunctions__authenticationSecret` of every application. */
  statesSecretKey: 'rel-sfn-secret-9f2c71d4e8a0b6',
  /** `Password` of the `warehouse` PostgreSQL store. */
  warehousePassword: 'rel-pg-password-51b7e2c94d',
  /** Password inside the URL connection string of the `reporting` PostgreSQL store. */
  reportingUrlPassword: 'rel-url-password-4a8d2b7f13',
  /** Password inside the key-value connection string of the `mssql` SQL Server store. */
  sqlServerPassword: 'rel-mssql-password-77e1f0a5c2',
  /** `Password` of the `dropbox` SFTP store. */
  sftpPassword: 'rel-sftp-password-c03d9a6e88',
  /** A wrong `stepFunctions__authenticationSecret`, which the endpoint rejects; a secret all the same. */
  wrongSecretKey: 'rel-wrong-secret-e5a19c0b72',
} as const;

/** Name of each suite secret, for reports that must not print the value itself. */
export type SuiteSecretName = keyof typeof suiteSecrets;

/** Access key id that goes with {@link suiteSecrets.statesSecretKey}; not a secret. */
export const suiteAccessKeyId = 'AKIDRELIABILITY';

/** The Step Functions credentials every endpoint and application of the suite uses. */
export const suiteCredentials = { accessKeyId: suiteAccessKeyId, secretAccessKey: suiteSecrets.statesSecretKey } as const;
