import { afterEach, describe, expect, it } from 'vitest';

import { StatesStoreClient } from '../../src/store-sync/states-store-client';
import { StatesStoreRequestError } from '../../src/store-sync/states-store-request-error';
import { testCredentials } from '../e2e/support/harness';
import { catchError } from '../helpers/catch-error';
import { cleanUp, environmentName, startGateway, startStates } from './support/harness';

const clients: StatesStoreClient[] = [];

function clientFor(url: string, credentials = testCredentials): StatesStoreClient {
  const client = new StatesStoreClient({ baseUrl: url, region: 'us-east-1', credentials });
  clients.push(client);
  return client;
}

const never = new AbortController().signal;
const call = { timeoutMs: 5_000, signal: never };

afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await cleanUp();
});

async function rejection(promise: Promise<unknown>): Promise<StatesStoreRequestError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return catchError(() => {
    throw error;
  }, StatesStoreRequestError);
}

describe(StatesStoreClient.name, () => {
  describe('with signing credentials that States accepts', () => {
    it('reports the local stores and receives the States stores with their version token', async () => {
      const states = await startStates();
      const token = states.storeSync.setStatesStores(environmentName, [{ name: 'dwh', type: 'postgresql', config: { host: '127.0.0.1' } }]);

      const response = await clientFor(states.url).syncStores(
        {
          workerServiceEnvironmentName: environmentName,
          statesStoresVersionToken: null,
          localStoresVersionToken: 'local-token',
          localStores: [{ name: 'files', type: 'file', enableHealthCheck: true, healthCheckDelaySeconds: 30 }],
        },
        call,
      );

      expect(response).toEqual({ statesStoresVersionToken: token, statesStores: [{ name: 'dwh', type: 'postgresql', config: { host: '127.0.0.1' } }] });
      expect(states.storeSync.localStores(environmentName)).toEqual([{ name: 'files', type: 'file', enableHealthCheck: true, healthCheckDelaySeconds: 30 }]);
    });

    it('returns undefined for the HTTP 201 that ends a force-check poll without requests', async () => {
      const states = await startStates({ pollHoldMs: 200 });

      await expect(clientFor(states.url).getForceCheckRequests({ continuationToken: null, environmentName }, call)).resolves.toBeUndefined();
    });

    it('returns queued force-check requests with their continuation token', async () => {
      const states = await startStates();
      states.storeSync.requestForceCheck(environmentName, { statesStores: ['dwh'], workerStores: ['files'] });

      await expect(clientFor(states.url).getForceCheckRequests({ continuationToken: null, environmentName }, call)).resolves.toEqual({
        continuationToken: '1',
        statesStoreUpdateRequests: [{ storeName: 'dwh' }],
        workerStoreUpdateRequests: [{ storeName: 'files' }],
      });
    });

    it('posts statuses', async () => {
      const states = await startStates();
      const status = { name: 'dwh', status: 'Success' as const, lastUpdateDate: '2026-03-01T08:15:00+00:00', lastSuccessDate: '2026-03-01T08:15:00+00:00', message: null };

      await clientFor(states.url).postStoreStatus({ environmentName, statesStoreStatus: [status], localStoreStatus: [] }, call);

      expect(states.storeSync.statuses(environmentName)).toMatchObject({ statesStoreStatus: [status], localStoreStatus: [] });
    });

    it('sends the extension headers, signed with SigV4', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);

      await clientFor(gateway.url).postStoreStatus({ environmentName, statesStoreStatus: [], localStoreStatus: [] }, call);

      const [sent] = gateway.requestsOf('DfaktoStatesPostStoreStatus');
      expect(sent?.headers).toMatchObject({
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.DfaktoStatesPostStoreStatus',
        'x-amz-api-version': '2016-11-23',
      });
      expect(sent?.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${testCredentials.accessKeyId}/\\d{8}/us-east-1/states/aws4_request, `));
      expect(JSON.parse(sent?.body ?? '')).toEqual({ environmentName, statesStoreStatus: [], localStoreStatus: [] });
    });

    it('posts to the base URL with one trailing slash, keeping its path', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);

      await clientFor(`${gateway.url}/`).postStoreStatus({ environmentName, statesStoreStatus: [], localStoreStatus: [] }, call);

      expect(gateway.requests).toHaveLength(1);
      expect(states.storeSync.statuses(environmentName)).toBeDefined();
    });
  });

  describe('when a call fails', () => {
    it('names the service error code of a signature made with another key', async () => {
      const states = await startStates();
      const error = await rejection(
        clientFor(states.url, { accessKeyId: 'AKIDOTHER', secretAccessKey: 'other' }).postStoreStatus({ environmentName, statesStoreStatus: [], localStoreStatus: [] }, call),
      );

      expect(error).toMatchObject({ operation: 'DfaktoStatesPostStoreStatus', httpStatus: 400, code: 'UnrecognizedClientException', timedOut: false });
      expect(error.message).toBe(
        'DfaktoStatesPostStoreStatus failed with HTTP 400 (UnrecognizedClientException): The security token included in the request is invalid.',
      );
      expect(error.message).not.toContain('other');
    });

    it('reports an HTTP 500 with the service error code', async () => {
      const states = await startStates();
      states.faults.add({ operation: 'DfaktoStatesSyncStores', kind: 'internal-failure' });

      const error = await rejection(
        clientFor(states.url).syncStores({ workerServiceEnvironmentName: environmentName, statesStoresVersionToken: null, localStoresVersionToken: 'x', localStores: [] }, call),
      );

      expect(error).toMatchObject({ operation: 'DfaktoStatesSyncStores', httpStatus: 500, code: 'InternalFailure', timedOut: false });
    });

    it('reports a gateway 504 without a service error code', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);
      gateway.timeOut('DfaktoStatesGetStoreForceCheckRequests', 1);

      const error = await rejection(clientFor(gateway.url).getForceCheckRequests({ continuationToken: null, environmentName }, call));

      expect(error).toMatchObject({ httpStatus: 504, code: 'HTTP504', timedOut: false });
      expect(error.message).toBe(
        'DfaktoStatesGetStoreForceCheckRequests failed with HTTP 504 (HTTP504): <html><body><h1>504 Gateway Time-out</h1></body></html>',
      );
    });

    it('times out when no response comes within the request timeout', async () => {
      const states = await startStates({ pollHoldMs: 2_000 });
      const startedAt = Date.now();

      const error = await rejection(
        clientFor(states.url).getForceCheckRequests({ continuationToken: null, environmentName }, { timeoutMs: 200, signal: never }),
      );

      expect(Date.now() - startedAt).toBeLessThan(1_500);
      expect(error).toMatchObject({ code: 'RequestTimeout', timedOut: true, httpStatus: undefined });
      expect(error.message).toBe(`DfaktoStatesGetStoreForceCheckRequests got no response within 200 ms from ${states.url}.`);
    });

    it('ends a held long poll at once when its signal aborts', async () => {
      const states = await startStates({ pollHoldMs: 5_000 });
      const stop = new AbortController();
      const startedAt = Date.now();

      const pending = rejection(clientFor(states.url).getForceCheckRequests({ continuationToken: null, environmentName }, { timeoutMs: 10_000, signal: stop.signal }));
      setTimeout(() => stop.abort(), 100);

      await expect(pending).resolves.toMatchObject({ code: 'Aborted' });
      expect(Date.now() - startedAt).toBeLessThan(1_000);
    });

    it('reports a network error with its Node.js code', async () => {
      const error = await rejection(clientFor('http://127.0.0.1:9').postStoreStatus({ environmentName, statesStoreStatus: [], localStoreStatus: [] }, call));

      expect(error).toMatchObject({ code: 'ECONNREFUSED', httpStatus: undefined });
      expect(error.cause).toBeInstanceOf(Error);
    });
  });
});
