import type { MemorySample } from '../measure/process-usage';
import type { TaskBehavior } from './task-behavior';

/** The worker implementations compared. */
export type ClientVariant = 'framework' | 'raw-sdk' | 'step-function-worker';

/** Labels of the variants in the summary table. */
export const VARIANT_LABELS: Record<ClientVariant, string> = {
  framework: 'beVault Workers',
  'raw-sdk': 'raw SDK loop',
  'step-function-worker': 'step-function-worker',
};

/** What a client process runs. */
export interface ClientSpec {
  readonly variant: ClientVariant;
  readonly url: string;
  /** Activities to poll, one worker each; named `<environmentName>_<workerName>` as the framework names them. */
  readonly activities: ReadonlyArray<{ readonly environmentName: string; readonly workerName: string; readonly arn: string }>;
  /** Tasks each worker runs at once. */
  readonly concurrency: number;
  readonly behavior: TaskBehavior;
  /** Seconds between the heartbeats of a running task. @default the framework's default; none for the others */
  readonly heartbeatSeconds?: number;
  /** Pollers per framework worker. @default concurrency */
  readonly maxPollers?: number;
  /** Log level of the framework. @default 'info', which logs one line per task */
  readonly logLevel?: 'info' | 'warn';
}

/** Commands of the client child process. */
export interface ClientCommands {
  [command: string]: (argument: never) => unknown;
  /** Starts the client and resolves once it polls. */
  start(spec: ClientSpec): Promise<void>;
  cpuMicros(): number;
  memory(): MemorySample;
  /** Tasks held at the gate now, for `hold` tasks. */
  heldTasks(): number;
  /** Lets the held tasks finish. */
  release(): void;
  /** Stops the client; resolves with the errors it counted. */
  stop(): Promise<{ errors: number }>;
}

/** Activity name the framework gives a worker in an environment, with its default separator. */
export function benchActivityName(environmentName: string, workerName: string): string {
  return `${environmentName}_${workerName}`;
}
