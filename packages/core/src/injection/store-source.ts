/**
 * What the core needs from the stores package's `StoreRegistry`: lookups by
 * name (case-insensitive) and by file token, the defined names, and the
 * definitions that could not be built. A `StoreRegistry` and a
 * `StoreSnapshot` both satisfy it.
 *
 * @internal
 */
export interface StoreSource {
  get(name: string): object;
  getDatabase(name: string): object;
  getFileStore(name: string): object;
  has(name: string): boolean;
  names(): string[];
  /** Stores whose definition could not be built: name → reason. */
  failures(): ReadonlyMap<string, string>;
  resolveFileToken(token: string): { readonly store: object; readonly path: string; readonly token: string };
}
