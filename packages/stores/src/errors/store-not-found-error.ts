import { StoreError } from './store-error';

/**
 * Thrown when no store definition has the requested name.
 * @public
 */
export class StoreNotFoundError extends StoreError {
  override name = 'StoreNotFoundError';

  /** Name that was requested. */
  readonly storeName: string;

  /** Names of the stores that exist, sorted. */
  readonly availableNames: readonly string[];

  constructor(storeName: string, availableNames: readonly string[]) {
    const available = availableNames.length > 0 ? availableNames.map((name) => `'${name}'`).join(', ') : 'none';
    super(
      `Store '${storeName}' not found. Existing stores: ${available}. ` +
        'Define it in config.json, the STORE_CONFIG environment variable or States (names match case-insensitively).',
    );
    this.storeName = storeName;
    this.availableNames = availableNames;
  }
}
