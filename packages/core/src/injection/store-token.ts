const storeTokenPrefix = 'bevault:store:';

/**
 * Returns the injection token under which the application container provides
 * the store named `name`. Store names match case-insensitively, as in beVault,
 * so `storeToken('Warehouse') === storeToken('warehouse')`.
 *
 * @public
 */
export function storeToken(name: string): string {
  return `${storeTokenPrefix}${name.toLowerCase()}`;
}

/**
 * Returns the store name inside a token made by {@link storeToken}, or
 * undefined for any other token.
 *
 * @internal
 */
export function storeNameOfToken(token: unknown): string | undefined {
  if (typeof token !== 'string' || !token.startsWith(storeTokenPrefix)) {
    return undefined;
  }

  return token.slice(storeTokenPrefix.length);
}
