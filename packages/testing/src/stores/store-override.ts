import type { StoreKind } from '@bevault-workers/stores';

/**
 * A stand-in for a store. Only `kind` is required, because `getDatabase` and
 * `getFileStore` check it. Missing `name`, `type`, `ping` and `close` members
 * are filled in, and every other member is used as given.
 *
 * @public
 */
export interface FakeStore {
  readonly kind: StoreKind;
}

/**
 * Replacement of an overridden store.
 *
 * @internal
 */
export type StoreReplacement =
  | { readonly kind: 'value'; readonly store: FakeStore }
  | { readonly kind: 'definition'; readonly type: string; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'temp-dir' };

/**
 * The second half of `overrideStore(name)`: sets what the store named `name`
 * becomes in the testing app. Each method returns the builder, for chaining.
 *
 * @public
 */
export class StoreOverride<Builder> {
  /** @internal */
  constructor(
    private readonly name: string,
    private readonly apply: (name: string, replacement: StoreReplacement) => Builder,
  ) {}

  /** Uses `store` as is (a fake, a spy, a store built by the test). */
  useValue<T extends FakeStore>(store: T): Builder {
    if (store === null || typeof store !== 'object' || (store.kind !== 'database' && store.kind !== 'file')) {
      throw new TypeError(
        `overrideStore('${this.name}').useValue() needs an object with kind: 'database' or 'file', got ${describe(store)}. ` +
          "Add kind to the fake, for example { kind: 'database', query: async () => [] }.",
      );
    }

    return this.apply(this.name, { kind: 'value', store });
  }

  /**
   * Uses a real SQLite database: `:memory:` (one private database that lives as
   * long as the app) or a file path.
   * @param path - Database file, absolute or relative to the working directory. @defaultValue ':memory:'
   */
  useSqlite(path = ':memory:'): Builder {
    return this.apply(this.name, { kind: 'definition', type: 'sqlite', config: { Path: path } });
  }

  /** Uses a real local file store over a new temporary folder, deleted by `close()`. */
  useTempDir(): Builder {
    return this.apply(this.name, { kind: 'temp-dir' });
  }

  /**
   * Uses a store built from a definition of any registered type, for example a
   * PostgreSQL server started for the test.
   * @param config - The definition's `Config`, as in `config.json`.
   */
  useDefinition(type: string, config: Readonly<Record<string, unknown>>): Builder {
    return this.apply(this.name, { kind: 'definition', type, config });
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return String(value);
  }

  return `an object with kind ${JSON.stringify((value as { kind?: unknown }).kind)}`;
}
