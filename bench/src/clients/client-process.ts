import { cpuMicros, sampleMemory } from '../measure/process-usage';
import { serveCommands } from '../process/serve-commands';
import { benchActivityName, type ClientCommands, type ClientSpec } from './client-commands';
import { FrameworkClient } from './framework-client';
import { RawSdkLoop } from './raw-sdk-loop';
import { StepFunctionWorkerClient } from './step-function-worker-client';
import { TaskGate } from './task-behavior';

/**
 * Child process running one worker implementation against Local States,
 * so that its CPU time and memory are its own.
 */
interface RunningClient {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly errors?: number;
  readonly heartbeatErrors?: number;
}

const gate = new TaskGate();
let client: RunningClient | undefined;

function createClient(spec: ClientSpec): RunningClient {
  const heartbeatMs = spec.heartbeatSeconds === undefined ? undefined : spec.heartbeatSeconds * 1000;

  switch (spec.variant) {
    case 'framework': {
      const environments = new Set(spec.activities.map((activity) => activity.environmentName));

      if (environments.size !== 1) {
        throw new Error(`A framework client polls the activities of one environment, got ${[...environments].join(', ')}.`);
      }

      return new FrameworkClient({
        url: spec.url,
        environmentName: [...environments][0],
        workerNames: spec.activities.map((activity) => activity.workerName),
        concurrency: spec.concurrency,
        maxPollers: spec.maxPollers,
        behavior: spec.behavior,
        gate,
        heartbeatSeconds: spec.heartbeatSeconds,
      });
    }

    case 'raw-sdk':
      return new RawSdkLoop({
        url: spec.url,
        activityNames: spec.activities.map((activity) => benchActivityName(activity.environmentName, activity.workerName)),
        concurrency: spec.concurrency,
        behavior: spec.behavior,
        gate,
        heartbeatMs,
      });

    case 'step-function-worker':
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
