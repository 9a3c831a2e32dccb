import { StoreError } from './store-error';

/**
 * Thrown when a store definition or its configuration is invalid: a missing or malformed key,
 * an unknown type, an unreadable configuration file. Messages name keys, never secret values.
 * @public
 */
export class StoreConfigurationError extends StoreError {
  override name = 'StoreConfigurationError';
}
