import { optionalString, requireString, type RequestBody } from '../protocol/fields';
import { ServiceError } from '../protocol/service-error';
import { type OperationTable, StatusOnlyResponse } from '../server/operation';
import type { StoreSyncService } from './store-sync-service';
import type { LocalStoreDefinition, StoreStatus } from './store-sync-types';

/** HTTP status beVault States returns when an operation has no response body. */
const NO_CONTENT = 201;

/**
 * Wire handlers of the beVault States store-sync extension, with the field
 * names the Python library `bevault_workers` sends and reads.
 */
export function storeSyncOperations(service: StoreSyncService): OperationTable {
  return {
    DfaktoStatesSyncStores: (body, context) =>
      service.syncStores(
        requireString(body, 'workerServiceEnvironmentName'),
        optionalString(body, 'statesStoresVersionToken', { minLength: 0 }),
        readObjects(body, 'localStores').map(toLocalStore),
        (listener) => context.onClientClose(listener),
      ),

    DfaktoStatesGetStoreForceCheckRequests: async (body, context) => {
      const requests = await service.forceCheckRequests(
        requireString(body, 'environmentName'),
        optionalString(body, 'continuationToken', { minLength: 0 }),
        (listener) => context.onClientClose(listener),
      );

      return requests ?? new StatusOnlyResponse(NO_CONTENT);
    },

    DfaktoStatesPostStoreStatus: (body) => {
      service.postStatuses(
        requireString(body, 'environmentName'),
        readObjects(body, 'statesStoreStatus').map((item, index) => toStatus(item, `statesStoreStatus.${index}`)),
        readObjects(body, 'localStoreStatus').map((item, index) => toStatus(item, `localStoreStatus.${index}`)),
      );

      return new StatusOnlyResponse(NO_CONTENT);
    },
  };
}

/** Reads an optional list of objects; absent or null is an empty list. */
function readObjects(body: RequestBody, field: string): RequestBody[] {
  const value = body[field];

  if (value === undefined || value === null) {
    return [];
  }

  if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw new ServiceError('SerializationException', `Field '${field}' must be a list of objects.`);
  }

  return value as RequestBody[];
}

function toLocalStore(item: RequestBody, index: number): LocalStoreDefinition {
  return {
    name: requireString(item, 'name', {}, `localStores.${index}.name`),
    type: requireString(item, 'type', {}, `localStores.${index}.type`),
    enableHealthCheck: item.enableHealthCheck === true,
    healthCheckDelaySeconds: typeof item.healthCheckDelaySeconds === 'number' ? item.healthCheckDelaySeconds : null,
  };
}

function toStatus(item: RequestBody, path: string): StoreStatus {
  return {
    name: requireString(item, 'name', {}, `${path}.name`),
    status: requireString(item, 'status', {}, `${path}.status`),
    lastUpdateDate: optionalString(item, 'lastUpdateDate', { minLength: 0 }) ?? null,
    lastSuccessDate: optionalString(item, 'lastSuccessDate', { minLength: 0 }) ?? null,
    message: optionalString(item, 'message', { minLength: 0 }) ?? null,
  };
}
