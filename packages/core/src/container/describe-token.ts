import { storeNameOfToken } from '../injection/store-token';

/**
 * Prints an injection token for an error message: a class by its name, a
 * store token as `store 'name'`, a string in quotes.
 *
 * @internal
 */
export function describeToken(token: unknown): string {
  const storeName = storeNameOfToken(token);
  if (storeName !== undefined) {
    return `store '${storeName}'`;
  }

  if (typeof token === 'function') {
    return token.name === '' ? '(anonymous class)' : token.name;
  }

  if (typeof token === 'string') {
    return `'${token}'`;
  }

  if (typeof token === 'symbol') {
    return token.toString();
  }

  if (token !== null && typeof token === 'object' && 'token' in token) {
    return describeToken((token as { token: unknown }).token);
  }

  return String(token);
}
