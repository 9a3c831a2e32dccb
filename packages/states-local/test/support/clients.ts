import { Agent } from 'node:http';

import { SFNClient } from '@aws-sdk/client-sfn';

import { StatesLocal, type StatesLocalOptions } from '../../src';

/** Credentials every test client signs with. */
export const testCredentials = { accessKeyId: 'AKIDLOCALSTATES', secretAccessKey: 'local-states-secret' };

/**
 * Creates an SDK client aimed at a Local States endpoint: static credentials,
 * one attempt (so injected faults surface), and an agent that never queues
 * polls behind each other.
 */
export function createClient(states: StatesLocal, credentials = testCredentials): SFNClient {
  return new SFNClient({
    endpoint: states.url,
    region: states.region,
    credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }), requestTimeout: 30_000 },
  });
}

/** Starts Local States with a short poll hold, as every test does. */
export function startStates(options: StatesLocalOptions = {}): Promise<StatesLocal> {
  return StatesLocal.start({ pollHoldMs: 1_000, ...options });
}

/** Awaits `promise` and returns what it rejected with, failing when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }

  throw new Error('Expected the promise to reject, but it resolved.');
}

/** A started Local States and an SDK client aimed at it. */
export interface StatesSession {
  readonly states: StatesLocal;
  readonly client: SFNClient;
}

/** Starts Local States with {@link startStates} and a client for it. */
export async function openSession(options: StatesLocalOptions = {}): Promise<StatesSession> {
  const states = await startStates(options);
  return { states, client: createClient(states) };
}

/** Destroys the session's client, then stops its Local States. */
export async function closeSession(session: StatesSession): Promise<void> {
  session.client.destroy();
  await session.states.stop();
}
