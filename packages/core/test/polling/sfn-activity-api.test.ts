import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SfnActivityApi } from '../../src/client/sfn-activity-api';
import { createStepFunctionsConnection, socketPoolSize, type StepFunctionsConnection } from '../../src/client/sfn-client';
import type { WorkerRuntimeConfig } from '../../src/config/worker-runtime-config';

/** Replies of the stub endpoint, by X-Amz-Target operation, consumed in order. */
const replies: Record<string, Array<(response: ServerResponse) => void>> = {};
const received: string[] = [];

function json(body: unknown, status = 200): (response: ServerResponse) => void {
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(body));
  };
}

let server: Server;
let connection: StepFunctionsConnection;
let api: SfnActivityApi;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const operation = String(request.headers['x-amz-target']).split('.')[1];
    received.push(operation);
    request.resume();
    request.on('end', () => (replies[operation]?.shift() ?? json({}))(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const config = {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example-secret' },
    requestTimeoutMs: 300,
    pollRequestTimeoutMs: 1_000,
  } as WorkerRuntimeConfig;
  connection = createStepFunctionsConnection(config, 10);
  api = new SfnActivityApi(connection.client, { pollRequestTimeoutMs: 1_000, requestTimeoutMs: 300 });
});

afterAll(async () => {
  connection.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe(SfnActivityApi.name, () => {
  it.each([
    ['absent', {}],
    ['null', { taskToken: null }],
    ['empty', { taskToken: '' }],
  ])('reads a reply whose taskToken is %s as no task', async (_case, body) => {
    replies.GetActivityTask = [json(body)];

    await expect(api.getActivityTask('arn:aws:states:us-east-1:123456789012:activity:a', 'w')).resolves.toBeUndefined();
  });

  it('returns the token and input of a task', async () => {
    replies.GetActivityTask = [json({ taskToken: 'tok', input: '{"a":1}' })];

    await expect(api.getActivityTask('arn:aws:states:us-east-1:123456789012:activity:a', 'w')).resolves.toEqual({ taskToken: 'tok', input: '{"a":1}' });
  });

  it('holds GetActivityTask past the short timeout of other calls', async () => {
    replies.GetActivityTask = [(response) => setTimeout(() => json({})(response), 600)];

    await expect(api.getActivityTask('arn:aws:states:us-east-1:123456789012:activity:a', 'w')).resolves.toBeUndefined();
  });

  it('times out a GetActivityTask held past its own request timeout', async () => {
    replies.GetActivityTask = [(response) => setTimeout(() => json({})(response), 1_500)];

    await expect(api.getActivityTask('arn:aws:states:us-east-1:123456789012:activity:a', 'w')).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('times out other calls after the short request timeout', async () => {
    replies.SendTaskHeartbeat = [(response) => setTimeout(() => json({})(response), 800)];

    await expect(api.sendTaskHeartbeat('tok')).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('sends each call once: SDK retries are off', async () => {
    received.length = 0;
    replies.SendTaskSuccess = [json({ __type: 'ThrottlingException', message: 'slow down' }, 400)];

    await expect(api.sendTaskSuccess('tok', '{}')).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(received).toEqual(['SendTaskSuccess']);
  });
});

describe(socketPoolSize.name, () => {
  it('gives two sockets per slot plus headroom', () => {
    expect(socketPoolSize(100)).toBe(216);
  });
});
