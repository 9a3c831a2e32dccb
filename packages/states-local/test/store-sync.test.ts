import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { startStates, testCredentials } from './support/clients';
import { callExtension } from './support/extension-client';

const environmentName = 'dev';

describe('store-sync extension', () => {
  let states: StatesLocal;

  beforeEach(async () => {
    states = await startStates({ pollHoldMs: 500, credentials: testCredentials });
  });

  afterEach(async () => {
    await states.stop();
  });

  describe('DfaktoStatesSyncStores', () => {
    const localStores = [{ name: 'files', type: 'sftp', enableHealthCheck: true, healthCheckDelaySeconds: 30 }];

    it('returns the published stores at once to a worker without a version token', async () => {
      const token = states.storeSync.setStatesStores(environmentName, [
        { name: 'dwh', type: 'postgresql', enableHealthCheck: true, healthCheckDelaySeconds: 60, config: { host: 'db' } },
        { name: 'lake', type: 's3', config: '{"bucket":"raw"}' },
      ]);

      const response = await callExtension(states, 'DfaktoStatesSyncStores', {
        workerServiceEnvironmentName: environmentName,
        statesStoresVersionToken: null,
        localStoresVersionToken: 'abc',
        localStores,
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        statesStoresVersionToken: token,
        statesStores: [
          { name: 'dwh', type: 'postgresql', enableHealthCheck: true, healthCheckDelaySeconds: 60, config: { host: 'db' } },
          { name: 'lake', type: 's3', config: '{"bucket":"raw"}' },
        ],
      });
      expect(states.storeSync.localStores(environmentName)).toEqual(localStores);
    });

    it('holds a worker that is up to date and returns only the token', async () => {
      const token = states.storeSync.setStatesStores(environmentName, []);

      const startedAt = Date.now();
      const response = await callExtension(states, 'DfaktoStatesSyncStores', { workerServiceEnvironmentName: environmentName, statesStoresVersionToken: token, localStores: [] });

      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(480);
      expect(response.body).toEqual({ statesStoresVersionToken: token });
    });

    it('wakes a held worker when the stores change', async () => {
      const token = states.storeSync.setStatesStores(environmentName, []);

      const pending = callExtension(states, 'DfaktoStatesSyncStores', { workerServiceEnvironmentName: environmentName, statesStoresVersionToken: token, localStores: [] });
      setTimeout(() => states.storeSync.setStatesStores(environmentName, [{ name: 'dwh', type: 'postgresql' }]), 100);
      const response = await pending;

      expect(response.body?.statesStoresVersionToken).not.toBe(token);
      expect(response.body?.statesStores).toEqual([{ name: 'dwh', type: 'postgresql' }]);
    });

    it('rejects a request without workerServiceEnvironmentName with ValidationException', async () => {
      const response = await callExtension(states, 'DfaktoStatesSyncStores', { localStores: [] });

      expect(response.status).toBe(400);
      expect(response.body?.__type).toBe('ValidationException');
    });

    it('rejects an unknown access key with UnrecognizedClientException', async () => {
      const response = await callExtension(states, 'DfaktoStatesSyncStores', { workerServiceEnvironmentName: environmentName }, { ...testCredentials, accessKeyId: 'AKIDOTHER' });

      expect(response.body?.__type).toBe('UnrecognizedClientException');
    });
  });

  describe('DfaktoStatesGetStoreForceCheckRequests', () => {
    it('answers 201 without a body when no request arrives during the hold', async () => {
      const response = await callExtension(states, 'DfaktoStatesGetStoreForceCheckRequests', { continuationToken: null, environmentName });

      expect(response).toEqual({ status: 201, body: undefined });
    });

    it('returns requests queued during the hold with a continuation token', async () => {
      const pending = callExtension(states, 'DfaktoStatesGetStoreForceCheckRequests', { continuationToken: null, environmentName });
      setTimeout(() => states.storeSync.requestForceCheck(environmentName, { statesStores: ['dwh'], workerStores: ['files'] }), 100);
      const response = await pending;

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        continuationToken: '1',
        statesStoreUpdateRequests: [{ storeName: 'dwh' }],
        workerStoreUpdateRequests: [{ storeName: 'files' }],
      });
    });

    it('does not return a request again after its continuation token', async () => {
      states.storeSync.requestForceCheck(environmentName, { statesStores: ['dwh'] });
      const first = await callExtension(states, 'DfaktoStatesGetStoreForceCheckRequests', { continuationToken: null, environmentName });

      const second = await callExtension(states, 'DfaktoStatesGetStoreForceCheckRequests', { continuationToken: first.body?.continuationToken, environmentName });

      expect(first.body?.statesStoreUpdateRequests).toEqual([{ storeName: 'dwh' }]);
      expect(second.status).toBe(201);
    });
  });

  describe('DfaktoStatesPostStoreStatus', () => {
    it('answers 201 and merges statuses by store name', async () => {
      const first = await callExtension(states, 'DfaktoStatesPostStoreStatus', {
        environmentName,
        statesStoreStatus: [{ name: 'dwh', status: 'Error', lastUpdateDate: '2026-01-01T00:00:00+00:00', lastSuccessDate: null, message: 'refused' }],
        localStoreStatus: [{ name: 'files', status: 'Success', lastUpdateDate: '2026-01-01T00:00:00+00:00', lastSuccessDate: '2026-01-01T00:00:00+00:00', message: null }],
      });
      await callExtension(states, 'DfaktoStatesPostStoreStatus', {
        environmentName,
        statesStoreStatus: [{ name: 'dwh', status: 'Success', lastUpdateDate: '2026-01-01T00:01:00+00:00', lastSuccessDate: '2026-01-01T00:01:00+00:00', message: null }],
        localStoreStatus: [],
      });

      const statuses = states.storeSync.statuses(environmentName);

      expect(first).toEqual({ status: 201, body: undefined });
      expect(statuses?.statesStoreStatus).toEqual([
        { name: 'dwh', status: 'Success', lastUpdateDate: '2026-01-01T00:01:00+00:00', lastSuccessDate: '2026-01-01T00:01:00+00:00', message: null },
      ]);
      expect(statuses?.localStoreStatus.map((status) => status.name)).toEqual(['files']);
    });

    it('lets waitForStatuses see a matching post', async () => {
      const waiting = states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.localStoreStatus.some((status) => status.status === 'Error'), 2_000);

      await callExtension(states, 'DfaktoStatesPostStoreStatus', { environmentName, statesStoreStatus: [], localStoreStatus: [{ name: 'files', status: 'Error', message: 'timeout' }] });

      await expect(waiting).resolves.toMatchObject({ localStoreStatus: [{ name: 'files', status: 'Error', message: 'timeout' }] });
    });

    it('makes waitForStatuses fail when no post matches in time', async () => {
      await expect(states.storeSync.waitForStatuses('nobody', () => true, 200)).rejects.toThrow(
        "No store status matching the condition was posted for environment 'nobody' within 200 ms.",
      );
    });
  });
});
