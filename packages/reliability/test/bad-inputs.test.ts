import type { TaskOutcome, TaskTimeouts } from '@bevault-workers/states-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BehaviourWorker, bigOutputBytes, StrictWorker, TypedWorker, type Behaviour } from '../src/app/workers';
import { waitFor } from '../src/child/wait-for';
import { Harness } from '../src/harness/harness';
import type { InProcessApp } from '../src/harness/in-process-app';
import { RawInputProxy, rawInputKey } from '../src/proxy/raw-input-proxy';

/** Input of `depth` nested arrays, as JSON text. */
function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Tags whose JSON takes `bytes` bytes together with the rest of a `rel_typed` input. */
function tagsFilling(bytes: number): string[] {
  const tag = 't'.repeat(1_000);
  const count = Math.floor((bytes - 100) / (tag.length + 3));
  return Array.from({ length: count }, () => tag);
}

const tooDeep = '- (root): The task input nests arrays or objects more than 512 levels deep. Flatten it, or write the data to a file store';

const pollutingInput =
  '{"name":"p","count":1,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
  '"options":{"label":"x","__proto__":{"polluted":"yes"}}}';

interface BadInputCase {
  readonly name: string;
  readonly activity: 'rel_typed' | 'rel_strict' | 'rel_behaviour';
  /** Task input: an object, or JSON text sent as is. */
  readonly input: unknown;
  readonly timeouts?: TaskTimeouts;
  readonly expected: Record<string, unknown>;
}

const behaviour = (name: Behaviour): { behaviour: Behaviour } => ({ behaviour: name });

const cases: readonly BadInputCase[] = [
  {
    name: 'invalid JSON',
    activity: 'rel_typed',
    input: { [rawInputKey]: '{"name": "unterminated' },
    expected: { status: 'failed', error: 'Worker.InvalidInput', cause: expect.stringMatching(/- \(root\): The task input is not valid JSON: /) },
  },
  {
    name: 'JSON that is not an object',
    activity: 'rel_typed',
    input: '[1, 2, 3]',
    expected: { status: 'failed', error: 'Worker.InvalidInput', cause: expect.stringContaining('expected a JSON object for TypedInput') },
  },
  {
    name: 'wrong types',
    activity: 'rel_typed',
    input: { name: 42, count: 'three', options: { label: false } },
    expected: {
      status: 'failed',
      error: 'Worker.InvalidInput',
      cause: [
        "The input (TypedInput) of worker 'rel_typed' is invalid (4 problems):",
        '- name: name must be a string (isString)',
        '- count: count must not be less than 0 (min)',
        '- count: count must be an integer number (isInt)',
        '- options.label: label must be a string (isString)',
      ].join('\n'),
    },
  },
  {
    name: 'missing fields',
    activity: 'rel_typed',
    input: {},
    expected: { status: 'failed', error: 'Worker.InvalidInput', cause: expect.stringMatching(/- name: [\s\S]*- count: /) },
  },
  {
    name: 'extra fields, stripped by default',
    activity: 'rel_typed',
    input: { name: 'extra', count: 1, admin: true, options: { label: 'x', hidden: 1 } },
    expected: { status: 'succeeded', output: expect.stringContaining('"keys":["count","name","options"],"optionKeys":["label"]') },
  },
  {
    name: 'extra fields, forbidden by the worker',
    activity: 'rel_strict',
    input: { name: 'extra', count: 1, admin: true },
    expected: { status: 'failed', error: 'Worker.InvalidInput', cause: expect.stringContaining('- admin: property admin should not exist (whitelistValidation)') },
  },
  {
    name: 'a 256 KB input',
    activity: 'rel_typed',
    input: { name: 'large', count: 1, tags: tagsFilling(262_144) },
    expected: { status: 'succeeded', output: expect.stringContaining('"keys":["count","name","tags"]') },
  },
  {
    name: 'nesting 500 levels deep, returned whole',
    activity: 'rel_behaviour',
    input: `{"behaviour":"return-input","deep":${nested(500)}}`,
    expected: { status: 'succeeded', output: expect.stringContaining(nested(500)) },
  },
  {
    name: 'nesting 500 levels deep in a property the input class strips',
    activity: 'rel_typed',
    input: `{"name":"deep","count":1,"options":{"label":"x","more":${nested(500)}}}`,
    expected: { status: 'succeeded', output: expect.stringContaining('"optionKeys":["label"]') },
  },
  ...[513, 2_000, 100_000].map((depth) => ({
    name: `nesting ${depth.toLocaleString('en-US')} levels deep`,
    activity: 'rel_typed' as const,
    input: `{"name":"deep","count":1,"tags":${nested(depth - 1)}}`,
    expected: { status: 'failed', error: 'Worker.InvalidInput', cause: expect.stringContaining(tooDeep) },
  })),
  {
    name: 'prototype-pollution keys, typed input',
    activity: 'rel_typed',
    input: pollutingInput,
    expected: { status: 'succeeded', output: expect.stringContaining('"keys":["count","name","options"],"optionKeys":["label"]') },
  },
  {
    name: 'prototype-pollution keys, parsed JSON input',
    activity: 'rel_behaviour',
    input: '{"behaviour":"return-input","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"nested":{"__proto__":{"x":1}}}',
    expected: { status: 'succeeded', output: '{"behaviour":"return-input","nested":{}}' },
  },
  {
    name: 'a thrown string',
    activity: 'rel_behaviour',
    input: behaviour('throw-string'),
    expected: { status: 'failed', error: 'Error', cause: 'the handler threw a plain string' },
  },
  {
    name: 'a thrown undefined',
    activity: 'rel_behaviour',
    input: behaviour('throw-undefined'),
    expected: { status: 'failed', error: 'Error', cause: 'The handler threw undefined instead of an Error.' },
  },
  {
    name: 'a thrown plain object',
    activity: 'rel_behaviour',
    input: behaviour('throw-object'),
    expected: { status: 'failed', error: 'Error', cause: 'The handler threw a non-Error object: {"code":42,"detail":"a plain object"}' },
  },
  {
    name: 'a 40,000-character error message',
    activity: 'rel_behaviour',
    input: behaviour('throw-long-message'),
    expected: { status: 'failed', error: 'RangeError', cause: `${'m'.repeat(32_768 - 40)}\n…[truncated, 40000 characters in total]` },
  },
  {
    name: `a ${bigOutputBytes / 1024} KB output`,
    activity: 'rel_behaviour',
    input: behaviour('big-output'),
    expected: { status: 'failed', error: 'Worker.OutputTooLarge', cause: expect.stringContaining('return its file token instead') },
  },
  {
    name: 'a BigInt output',
    activity: 'rel_behaviour',
    input: behaviour('bigint-output'),
    expected: { status: 'failed', error: 'Worker.OutputNotSerializable', cause: expect.stringContaining("a BigInt value at key 'rows'") },
  },
  {
    name: 'a cyclic output',
    activity: 'rel_behaviour',
    input: behaviour('cyclic-output'),
    expected: { status: 'failed', error: 'Worker.OutputNotSerializable', cause: expect.stringContaining('circular') },
  },
];

describe('Bad inputs and outputs', () => {
  let harness: Harness;
  let proxy: RawInputProxy;
  let running: InProcessApp;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    harness = await Harness.create();
    proxy = await RawInputProxy.start(harness.states.url);
    running = await harness.createApp([TypedWorker, StrictWorker, BehaviourWorker], {}, { statesUrl: proxy.url });
    await running.app.listen();
  });

  afterAll(async () => {
    await running.app.close();
    await proxy.stop();
    await harness.close();
  });

  it.each(cases)('answers $name', async ({ activity, input, timeouts, expected }) => {
    const outcome: TaskOutcome = await harness.states.enqueueTask(activity, input, timeouts).outcome;

    expect(outcome).toMatchObject(expected);
  });

  it('leaves Object.prototype untouched', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ends a task whose handler never settles at its TimeoutSeconds, and keeps serving', async () => {
    const outcome = await harness.states.enqueueTask('rel_behaviour', behaviour('never-settle'), { timeoutSeconds: 1 }).outcome;

    expect(outcome).toEqual({ status: 'timed-out', error: 'States.Timeout' });
    await waitFor(() => running.app.counters().rel_behaviour!.tasksNotAnswered === 1, 'the next heartbeat reported the task over');

    // The handler still runs, so it keeps its slot: one of three, and the two others go on serving.
    const counters = running.app.counters().rel_behaviour!;
    expect(counters.slotsInUse - counters.pollsInFlight).toBe(1);
    await expect(harness.states.enqueueTask('rel_behaviour', behaviour('return-input')).outcome).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('loses no task and answers each one', () => {
    expect(harness.states.counters()).toMatchObject({ tasksLost: 0, tasksRunning: 0 });
  });

  it('writes no secret to any output', () => {
    expect(harness.recorder.findings).toEqual([]);
  });
});
