import { createRequire } from 'node:module';

import { cpuMicros, sampleMemory } from '../measure/process-usage';
import { serveCommands } from '../process/serve-commands';
import { benchActivityName, type ClientCommands, type ClientSpec } from './client-commands';
import { TaskGate } from './task-behavior';

/**
 * Child process running one worker implementation against Local States,
 * so that its CPU time and memory are its own. Each implementation's module
 * is loaded only when it runs: aws-sdk v2, which step-function-worker
 * loads, requires `domain`, which slows every EventEmitter of the process.
 */
interface RunningClient {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly errors?: number;
  readonly heartbeatErrors?: number;
}

const gate = new TaskGate();
let client: RunningClient | undefined;

/** Loads a module when it is needed; `import()` would load it as ECMAScript, which the compiled CommonJS cannot be. */
const loadModule = createRequire(__filename);

function createClient(spec: ClientSpec): RunningClient {
  const heartbeatMs = spec.heartbeatSeconds === undefined ? undefined : spec.heartbeatSeconds * 1000;

  switch (spec.variant) {
    case 'framework': {
      const environments = new Set(spec.activities.map((activity) => activity.environmentName));

      if (environments.size !== 1) {
        throw new Error(`A framework client polls the activities of one environment, got ${[...environments].join(', ')}.`);
      }

      const { FrameworkClient } = loadModule('./framework-client') as typeof import('./framework-client');

      return new FrameworkClient({
        url: spec.url,
        environmentName: [...environments][0],
        workerNames: spec.activities.map((activity) => activity.workerName),
        concurrency: spec.concurrency,
        maxPollers: spec.maxPollers,
        behavior: spec.behavior,
        gate,
        heartbeatSeconds: spec.heartbeatSeconds,
        logLevel: spec.logLevel,
      });
    }

    case 'raw-sdk': {
      const { RawSdkLoop } = loadModule('./raw-sdk-loop') as typeof import('./raw-sdk-loop');

      return new RawSdkLoop({
        url: spec.url,
        activityNames: spec.activities.map((activity) => benchActivityName(activity.environmentName, activity.workerName)),
        concurrency: spec.concurrency,
        behavior: spec.behavior,
        gate,
        heartbeatMs,
      });
    }

    case 'step-function-worker': {
      const { StepFunctionWorkerClient } = loadModule('./step-function-worker-client') as typeof import('./step-function-worker-client');

      return new StepFunctionWorkerClient({
        url: spec.url,
        activityArns: spec.activities.map((activity) => activity.arn),
        concurrency: spec.concurrency,
        behavior: spec.behavior,
        gate,
        heartbeatMs,
      });
    }
  }
}

const commands: ClientCommands = {
  start: async (spec) => {
    if (client !== undefined) {
      throw new Error('This client process runs a client already; fork another one.');
    }

    const created = createClient(spec);
    await created.start();
    client = created;
  },
  cpuMicros: () => cpuMicros(),
  memory: () => sampleMemory(),
  heldTasks: () => gate.waiting,
  release: () => gate.open(),
  stop: async () => {
    gate.open();
    await client?.stop();

    return { errors: (client?.errors ?? 0) + (client?.heartbeatErrors ?? 0) };
  },
};

serveCommands(commands);
