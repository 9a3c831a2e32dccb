import type { StoreRegistry } from '@bevault-workers/stores';

import { publishedNameOf } from './merge-store-definitions';

/**
 * Status of one store: `Success` when its last health check passed, `Error`
 * when it failed or the store could not be built, `Disabled` when its
 * definition turns health checks off, and `Unknown` until its first check
 * completes.
 *
 * @public
 */
export type StoreStatusValue = 'Success' | 'Error' | 'Disabled' | 'Unknown';

/**
 * The status of one store of a registry.
 *
 * @public
 */
export interface StoreStatus {
  /** Name in the registry, `states::<name>` for a renamed States store. */
  readonly registryName: string;
  /** Name in its source: the local configuration or States. */
  readonly name: string;
  /** Source of the definition. */
  readonly source: 'local' | 'states';
  readonly status: StoreStatusValue;
  /** Reason for an `Error` status. */
  readonly message?: string;
  /** When the health check behind a `Success` or `Error` status completed. */
  readonly checkedAt?: Date;
}

/**
 * Reads the status of every store of a registry from its build failures and
 * the results of its health checks. Runs no check.
 *
 * @internal
 */
export function readStoreStatuses(stores: StoreRegistry): StoreStatus[] {
  const failures = stores.failures();
  const health = stores.health();

  return stores.names().flatMap((registryName): StoreStatus[] => {
    const definition = stores.definition(registryName);
    if (definition === undefined) {
      return [];
    }

    const base = { registryName, name: publishedNameOf(definition), source: definition.source };
    const failure = failures.get(registryName);
    if (failure !== undefined) {
      return [{ ...base, status: 'Error', message: `The store could not be built: ${failure}` }];
    }

    if (!definition.healthCheck) {
      return [{ ...base, status: 'Disabled' }];
    }

    const result = health.get(registryName);
    switch (result?.state) {
      case 'healthy':
        return [{ ...base, status: 'Success', checkedAt: result.checkedAt }];
      case 'unhealthy':
        return [{ ...base, status: 'Error', message: result.error ?? 'The health check failed.', checkedAt: result.checkedAt }];
      default:
        return [{ ...base, status: 'Unknown' }];
    }
  });
}
