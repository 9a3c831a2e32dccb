import type { StoreDefinition } from '../config/store-definition';
import { InvalidFileTokenError } from '../errors/invalid-file-token-error';
import { StoreKindError } from '../errors/store-kind-error';
import { StoreNotFoundError } from '../errors/store-not-found-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { isDbStore, isFileStore, type DbStore, type FileStore, type Store } from '../stores/store';
import { parseFileToken } from '../tokens/file-token';
import type { StoreEntry } from './store-entry';

/** A file token resolved to its store. @public */
export interface ResolvedFileToken {
  readonly store: FileStore;

  /** Path relative to the store's base. */
  readonly path: string;

  /** The token as given. */
  readonly token: string;
}

/**
 * Lookups by store name, shared by the registry (its current stores) and by snapshots (the
 * stores of the moment they were taken). Names match case-insensitively.
 * @public
 */
export abstract class StoreLookup {
  /** The entries to look names up in. @internal */
  protected abstract currentEntries(): ReadonlyMap<string, StoreEntry>;

  /**
   * Returns the store with this name.
   * @throws StoreNotFoundError when no definition has the name.
   * @throws StoreUnavailableError when the definition could not be built.
   */
  get(name: string): Store {
    const entry = this.currentEntries().get(String(name).toLowerCase());
    if (entry === undefined) {
      throw new StoreNotFoundError(name, this.names());
    }
    if (entry.store === undefined) {
      throw new StoreUnavailableError(entry.definition.name, entry.failure?.reason ?? 'it could not be built', {
        cause: entry.failure?.error,
      });
    }
    return entry.store;
  }

  /**
   * Returns the database store with this name.
   * @throws StoreKindError when the store is a file store; see also {@link StoreLookup.get}.
   */
  getDatabase(name: string): DbStore {
    const store = this.get(name);
    if (!isDbStore(store)) {
      throw new StoreKindError(store.name, 'database', store.kind);
    }
    return store;
  }

  /**
   * Returns the file store with this name.
   * @throws StoreKindError when the store is a database store; see also {@link StoreLookup.get}.
   */
  getFileStore(name: string): FileStore {
    const store = this.get(name);
    if (!isFileStore(store)) {
      throw new StoreKindError(store.name, 'file', store.kind);
    }
    return store;
  }

  /** Whether a definition has this name (built or not). */
  has(name: string): boolean {
    return this.currentEntries().has(String(name).toLowerCase());
  }

  /** Names of all defined stores, as written in their definitions, sorted. */
  names(): string[] {
    return [...this.currentEntries().values()].map((entry) => entry.definition.name).sort((a, b) => a.localeCompare(b));
  }

  /** Stores whose definition could not be built: name → reason. */
  failures(): Map<string, string> {
    const failures = new Map<string, string>();
    for (const entry of this.currentEntries().values()) {
      if (entry.failure !== undefined) {
        failures.set(entry.definition.name, entry.failure.reason);
      }
    }
    return failures;
  }

  /** Returns the definition of a store, or `undefined`. Its config prints redacted. */
  definition(name: string): StoreDefinition | undefined {
    return this.currentEntries().get(String(name).toLowerCase())?.definition;
  }

  /**
   * Resolves a file token `<type>://<storeName>/<path>` to its store and relative path.
   * @throws InvalidFileTokenError when the token is malformed, its path leaves the store's base,
   * its store is a database store, or its scheme is not the store's type.
   * @throws StoreNotFoundError or StoreUnavailableError when the named store cannot be used.
   */
  resolveFileToken(token: string): ResolvedFileToken {
    const parsed = parseFileToken(token);
    const store = this.get(parsed.storeName);
    if (!isFileStore(store)) {
      throw new InvalidFileTokenError(token, `store '${store.name}' is a ${store.kind} store, not a file store`);
    }
    if (parsed.type !== store.type.toLowerCase()) {
      throw new InvalidFileTokenError(
        token,
        `the scheme '${parsed.type}' does not match the type of store '${store.name}' (${store.type}); use ${store.type}://${store.name}/...`,
      );
    }
    return { store, path: parsed.path, token };
  }
}
