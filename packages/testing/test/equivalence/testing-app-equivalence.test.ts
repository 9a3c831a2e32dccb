import { Writable } from 'node:stream';

import { createLogger, shortTaskId, WorkerApplication, type RuntimeEvent } from '@bevault-workers/core';
import { StatesLocal } from '@bevault-workers/states-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Test, type TaskRunOutcome, type TestingWorkerApp } from '../../src/index';
import { EquivalenceWorker } from './equivalence-worker';

/** The part of an outcome both sides can observe: what was sent to the service. */
type SentOutcome = { status: 'succeeded'; rawOutput: string } | { status: 'failed'; error: string; cause: string } | { status: 'none' };

const stores = [{ Name: 'warehouse', Type: 'sqlite', Config: { Path: ':memory:' } }];
const credentials = { accessKeyId: 'AKIDEQUIVALENCE', secretAccessKey: 'equivalence-test-secret' };

/** Task inputs, as JSON values or JSON text, covering every branch of validation and result mapping. */
const inputs: ReadonlyArray<readonly [label: string, input: unknown]> = [
  ['an object result', { case: 'object', count: 7 }],
  ['a string result', { case: 'string' }],
  ['an undefined result', { case: 'undefined' }],
  ['a result with non-ASCII text', { case: 'unicode' }],
  ['a resolved store reference', { case: 'store', target: 'WAREHOUSE' }],
  ['a missing property', {}],
  ['a property of the wrong type', { case: 42 }],
  ['an optional property of the wrong type', { case: 'object', count: 'seven' }],
  ['an unknown store name', { case: 'store', target: 'nowhere' }],
  ['an array instead of an object', '[1, 2]'],
  ['a JSON string instead of an object', '"object"'],
  ['a JSON null', 'null'],
  ['a thrown TaskFailure', { case: 'task-failure' }],
  ['a thrown TypeError', { case: 'type-error' }],
  ['a thrown custom error class', { case: 'custom-error' }],
  ['a thrown string', { case: 'throw-string' }],
  ['a thrown plain object', { case: 'throw-object' }],
  ['an error message of 40,000 characters', { case: 'long-cause' }],
  ['an output over 256 KiB', { case: 'oversized' }],
  ['an output with a BigInt', { case: 'bigint' }],
  ['an output with a cycle', { case: 'cycle' }],
  ["a {status: 'error'} result", { case: 'dict-error' }],
  ["a {status: 'error'} result with an object message", { case: 'dict-error-object' }],
  ["a {status: 'error'} result without a message", { case: 'dict-error-bare' }],
  ["a {status: 'canceled'} result", { case: 'dict-canceled' }],
  ['a dict result with another status', { case: 'dict-ok' }],
];

let testingApp: TestingWorkerApp;
let states: StatesLocal;
let application: WorkerApplication;
const finished = new Map<string, (event: Extract<RuntimeEvent, { type: 'task-finished' }>) => void>();

beforeAll(async () => {
  testingApp = await Test.createWorkerApp({ workers: [EquivalenceWorker], stores }).compile();

  states = await StatesLocal.start({ pollHoldMs: 1_000, credentials });
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  application = await WorkerApplication.create({
    workers: [EquivalenceWorker],
    stores: stores.map((entry) => ({ name: entry.Name, type: entry.Type, config: entry.Config, healthCheck: false, healthCheckDelaySeconds: 60, deleted: false, source: 'local' as const })),
    env: {},
    envFile: false,
    handleSignals: false,
    logger: createLogger({ level: 'error', format: 'json', destination: discard }),
    config: { serviceUrl: states.url, region: 'us-east-1', credentials, requestTimeoutSeconds: 5, pollRequestTimeoutSeconds: 10, shutdownGraceSeconds: 1 },
  });
  application.observe({
    onEvent: (event) => {
      if (event.type === 'task-finished') {
        finished.get(event.taskId)?.(event);
      }
    },
  });
  await application.listen();
});

afterAll(async () => {
  await application?.close({ immediate: true });
  await states?.stop();
  await testingApp?.close();
});

/** Queues the input on Local States and returns what the real poller sent for it. */
async function throughPoller(input: unknown): Promise<SentOutcome> {
  const task = states.enqueueTask('equivalence', input);
  const event = await new Promise<Extract<RuntimeEvent, { type: 'task-finished' }>>((resolve) => finished.set(shortTaskId(task.taskToken), resolve));

  if (event.outcome === 'not-answered') {
    return { status: 'none' };
  }

  const outcome = await task.outcome;
  if (outcome.status === 'succeeded') {
    return { status: 'succeeded', rawOutput: outcome.output };
  }

  if (outcome.status === 'failed') {
    return { status: 'failed', error: outcome.error ?? '', cause: outcome.cause ?? '' };
  }

  throw new Error(`Task ended ${outcome.status} at Local States after the runtime reported ${event.outcome}.`);
}

function sentPart(outcome: TaskRunOutcome): SentOutcome {
  switch (outcome.status) {
    case 'succeeded':
      return { status: 'succeeded', rawOutput: outcome.rawOutput };
    case 'failed':
      return { status: 'failed', error: outcome.error, cause: outcome.cause };
    case 'none':
      return { status: 'none' };
  }
}

describe('testing app and real poller', () => {
  it.each(inputs)('send the same answer for %s', async (_label, input) => {
    const [fromPoller, fromTestingApp] = await Promise.all([throughPoller(input), testingApp.run('equivalence', input)]);

    expect(sentPart(fromTestingApp)).toEqual(fromPoller);
  });

  it('covers succeeded, failed and unanswered tasks', async () => {
    const statuses = new Set<string>();
    for (const [, input] of inputs) {
      statuses.add((await testingApp.run('equivalence', input)).status);
    }

    expect([...statuses].sort()).toEqual(['failed', 'none', 'succeeded']);
  });
});
