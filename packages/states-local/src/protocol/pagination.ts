import { optionalInteger, optionalString, type RequestBody } from './fields';
import { ServiceError } from './service-error';

/** One page of a list and the token of the next page, if any. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Cuts a list into the page that `maxResults` and `nextToken` of the
 * request select. `maxResults` of 0 or absent means the default of 100;
 * a `nextToken` this endpoint did not issue is `InvalidToken`.
 */
export function paginate<T>(items: T[], body: RequestBody): Page<T> {
  const maxResults = optionalInteger(body, 'maxResults', 0, 1000) || 100;
  const nextToken = optionalString(body, 'nextToken', { maxLength: 1024 });
  const start = nextToken === undefined ? 0 : decodeOffset(nextToken);
  const end = start + maxResults;

  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : undefined,
  };
}

function decodeOffset(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));

  if (match === null) {
    throw new ServiceError('InvalidToken', `Invalid Token: '${token}'`);
  }

  return Number(match[1]);
}
