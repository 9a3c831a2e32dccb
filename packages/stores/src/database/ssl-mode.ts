import type { StoreConfigReader } from '../config/store-config-reader';

/** TLS options handed to the pg and mysql2 drivers, or `undefined` for plain TCP. @internal */
export type DriverSsl = { rejectUnauthorized: boolean } | undefined;

/**
 * Reads the TLS mode from `SslMode` (libpq and ADO.NET values: disable, allow, prefer, require,
 * verify-ca, verify-full, none, preferred, required, verifyca, verifyfull) or a boolean `Ssl`,
 * from the Config or the connection string options. `require` encrypts without checking the
 * certificate, as libpq does; the verify modes check it.
 * @internal
 */
export function readSslMode(settings: StoreConfigReader, options: ReadonlyMap<string, string>): DriverSsl {
  const mode = (options.get('sslmode') ?? settings.string(['sslMode', 'ssl mode']))?.toLowerCase().replace(/[-_\s]/g, '');
  if (mode !== undefined) {
    if (['disable', 'disabled', 'none', 'allow', 'prefer', 'preferred'].includes(mode)) {
      return undefined;
    }
    return { rejectUnauthorized: mode === 'verifyca' || mode === 'verifyfull' || mode === 'verifyidentity' };
  }

  const ssl = options.get('ssl') ?? settings.string(['ssl', 'useSsl', 'encrypt']);
  return ssl !== undefined && ['true', '1', 'yes', 'on'].includes(ssl.toLowerCase()) ? { rejectUnauthorized: true } : undefined;
}
