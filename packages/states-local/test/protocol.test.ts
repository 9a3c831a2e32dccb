import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { startStates } from './support/clients';
import { postRaw } from './support/raw-http';

describe('AWS JSON 1.0 protocol', () => {
  let states: StatesLocal;

  beforeEach(async () => {
    states = await startStates();
  });

  afterEach(async () => {
    await states.stop();
  });

  it('answers a call with a JSON 1.0 body and a request id', async () => {
    const response = await postRaw(states.url, 'CreateActivity', '{"name":"raw"}');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(response.body)).toEqual({ activityArn: states.activityArn('raw'), creationDate: expect.any(Number) });
  });

  it('returns modeled errors as HTTP 400 with __type and message', async () => {
    const response = await postRaw(states.url, 'DescribeActivity', JSON.stringify({ activityArn: states.activityArn('none') }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      __type: 'ActivityDoesNotExist',
      message: `Activity Does Not Exist: '${states.activityArn('none')}'`,
    });
  });

  it('rejects an unknown target with UnknownOperationException', async () => {
    const response = await postRaw(states.url, 'LaunchRocket', '{}');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).__type).toBe('UnknownOperationException');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('rejects the Object member %s as an unknown operation', async (name) => {
    const response = await postRaw(states.url, name, '{}');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ __type: 'UnknownOperationException', message: `Unknown operation: AWSStepFunctions.${name}` });
    expect(states.counters().requests).toEqual({});
  });

  it('rejects a request without a target with UnknownOperationException', async () => {
    const response = await postRaw(states.url, undefined, '{}');

    expect(JSON.parse(response.body).__type).toBe('UnknownOperationException');
  });

  it('rejects a body that is not JSON with SerializationException', async () => {
    const response = await postRaw(states.url, 'CreateActivity', '{"name":');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).__type).toBe('SerializationException');
  });

  it('rejects a missing required member with ValidationException', async () => {
    const response = await postRaw(states.url, 'CreateActivity', '{}');

    expect(JSON.parse(response.body)).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('counts requests per operation, rejected ones included', async () => {
    await postRaw(states.url, 'CreateActivity', '{"name":"counted"}');
    await postRaw(states.url, 'CreateActivity', '{}');
    await postRaw(states.url, 'ListActivities', '{}');

    expect(states.counters().requests).toEqual({ CreateActivity: 2, ListActivities: 1 });
  });
});
