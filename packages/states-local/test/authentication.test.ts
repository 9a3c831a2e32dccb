import { ListActivitiesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { createClient, rejectionOf, startStates, testCredentials } from './support/clients';
import { postRaw } from './support/raw-http';

describe('SigV4 authentication', () => {
  let states: StatesLocal;
  const clients: SFNClient[] = [];

  function clientWith(credentials: { accessKeyId: string; secretAccessKey: string }): SFNClient {
    const client = createClient(states, credentials);
    clients.push(client);

    return client;
  }

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await states.stop();
  });

  describe('when started with credentials', () => {
    beforeEach(async () => {
      states = await startStates({ credentials: testCredentials });
    });

    it('accepts a request signed with them', async () => {
      const listed = await clientWith(testCredentials).send(new ListActivitiesCommand({}));

      expect(listed.activities).toEqual([]);
    });

    it('rejects an unknown access key with UnrecognizedClientException', async () => {
      const error = await rejectionOf(clientWith({ ...testCredentials, accessKeyId: 'AKIDSOMEONEELSE' }).send(new ListActivitiesCommand({})));

      expect(error.name).toBe('UnrecognizedClientException');
      expect(error.message).toBe('The security token included in the request is invalid.');
    });

    it('rejects a wrong secret with InvalidSignatureException', async () => {
      const error = await rejectionOf(clientWith({ ...testCredentials, secretAccessKey: 'wrong' }).send(new ListActivitiesCommand({})));

      expect(error.name).toBe('InvalidSignatureException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    });

    it('rejects a request signed for another region with InvalidSignatureException', async () => {
      const otherRegion = new SFNClient({ endpoint: states.url, region: 'eu-central-1', credentials: testCredentials, maxAttempts: 1 });
      clients.push(otherRegion);

      const error = await rejectionOf(otherRegion.send(new ListActivitiesCommand({})));

      expect(error.name).toBe('InvalidSignatureException');
      expect(error.message).toContain("'eu-central-1'");
    });

    it('rejects an unsigned request with MissingAuthenticationTokenException', async () => {
      const response = await postRaw(states.url, 'ListActivities', '{}');

      expect(JSON.parse(response.body).__type).toBe('MissingAuthenticationTokenException');
    });

    it('rejects a body changed after signing with InvalidSignatureException', async () => {
      const client = clientWith(testCredentials);
      client.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { body: Uint8Array };
          const tampered = new TextDecoder().decode(request.body).replace('"maxResults":1', '"maxResults":2');

          // Same length, so only the signature can tell.
          request.body = new TextEncoder().encode(tampered);

          return next(args);
        },
        { step: 'deserialize', priority: 'high', name: 'tamperAfterSigning' },
      );

      const error = await rejectionOf(client.send(new ListActivitiesCommand({ maxResults: 1 })));

      expect(error.name).toBe('InvalidSignatureException');
    });
  });

  describe('when started without credentials', () => {
    beforeEach(async () => {
      states = await startStates();
    });

    it('accepts any credentials', async () => {
      await expect(clientWith({ accessKeyId: 'anything', secretAccessKey: 'at-all' }).send(new ListActivitiesCommand({}))).resolves.toBeDefined();
    });

    it('accepts an unsigned request', async () => {
      const response = await postRaw(states.url, 'ListActivities', '{}');

      expect(response.status).toBe(200);
    });
  });
});
