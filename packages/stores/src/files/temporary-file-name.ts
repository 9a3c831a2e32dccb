import { randomUUID } from 'node:crypto';

/** Name of a store's own temporary files: a dot, a random UUID and `.partial`. */
const temporaryFileNamePattern = /^\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.partial$/;

/**
 * Returns a fresh name for the temporary file that a write fills before it is renamed over
 * its target.
 * @internal
 */
export function temporaryFileName(): string {
  return `.${randomUUID()}.partial`;
}

/**
 * Tells whether a file name (without its directory) is one of the stores' temporary files,
 * which listings leave out. A user file such as `report.partial` is not.
 * @internal
 */
export function isTemporaryFileName(name: string): boolean {
  return temporaryFileNamePattern.test(name);
}
