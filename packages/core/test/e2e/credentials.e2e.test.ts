import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { CredentialsMissingError } from '../../src/registration/activity-registration-error';
import { cleanUp, createApp, delay, startStates, testCredentials } from './support/harness';

@Worker('refreshing', { concurrency: 1 })
class RefreshingWorker {
  handle(input: { index: number }): number {
    return input.index;
  }
}

const savedEnv = { ...process.env };
let credentialServer: Server | undefined;

afterEach(async () => {
  await cleanUp();
  await new Promise((resolve) => (credentialServer ? credentialServer.close(resolve) : resolve(undefined)));
  credentialServer = undefined;
  process.env = { ...savedEnv };
});

/** Empties the AWS variables so the default chain finds nothing, without asking the instance metadata service. */
function hideDefaultCredentials(): void {
  // The SDK reads AWS_SDK_* settings itself; they hold no credentials.
  for (const name of Object.keys(process.env).filter((key) => key.startsWith('AWS_') && !key.startsWith('AWS_SDK_'))) {
    delete process.env[name];
  }

  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
}

describe(`${WorkerApplication.name} credentials`, () => {
  it('stops the start without any credentials', async () => {
    hideDefaultCredentials();
    const states = await startStates();
    const { app } = await createApp(states, [RefreshingWorker], { credentials: undefined });

    const listening = app.listen();

    await expect(listening).rejects.toThrow(CredentialsMissingError);
    await expect(listening).rejects.toThrow('stepFunctions__authenticationKey and stepFunctions__authenticationSecret are empty');
    expect(app.state).toBe('failed');
    expect(states.counters().requests.CreateActivity ?? 0).toBe(0);
  });

  it('keeps working past the expiry of credentials from the default provider chain', async () => {
    let fetches = 0;
    credentialServer = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          AccessKeyId: testCredentials.accessKeyId,
          SecretAccessKey: testCredentials.secretAccessKey,
          Token: `session-${fetches}`,
          Expiration: new Date(Date.now() + 1_000).toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => credentialServer?.listen(0, '127.0.0.1', resolve));
    const { port } = credentialServer.address() as AddressInfo;

    // The container provider of the default chain reads this; the metadata service stays off.
    hideDefaultCredentials();
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${port}/credentials`;

    const states = await startStates();
    const { app } = await createApp(states, [RefreshingWorker], { credentials: undefined });
    await app.listen();

    await expect(states.enqueueTask('refreshing', { index: 1 }).outcome).resolves.toEqual({ status: 'succeeded', output: '1' });
    const fetchesBeforeExpiry = fetches;
    await delay(1_500);
    await expect(states.enqueueTask('refreshing', { index: 2 }).outcome).resolves.toEqual({ status: 'succeeded', output: '2' });

    expect(fetchesBeforeExpiry).toBeGreaterThanOrEqual(1);
    expect(fetches).toBeGreaterThan(fetchesBeforeExpiry);
  });
});
