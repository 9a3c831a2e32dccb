import type { ActivityTask } from '../activities/activity-task';
import { ExecutionHistory } from './execution-history';

/**
 * Status of an execution, as DescribeExecution returns it.
 *
 * @public
 */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** End state of an execution. */
export interface ExecutionEnd {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string;
  cause?: string;
}

/** One run of a state machine, with its history and its live activity tasks. */
export class Execution {
  status: ExecutionStatus = 'RUNNING';

  output: string | undefined;

  error: string | undefined;

  cause: string | undefined;

  stopDate: Date | undefined;

  readonly startDate = new Date();

  readonly history = new ExecutionHistory();

  /** Activity tasks scheduled by this execution and not yet ended. */
  readonly liveTasks = new Set<ActivityTask>();

  /** Settles when the execution ends, however it ends. */
  readonly done: Promise<void>;

  /** Aborts the interpreter run; set once the run starts. */
  abortRun: () => void = () => undefined;

  private resolveDone!: () => void;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly stateMachineArn: string,
    readonly input: string,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  /** Records the end once; returns false when the execution had already ended. */
  finish(end: ExecutionEnd): boolean {
    if (this.status !== 'RUNNING') {
      return false;
    }

    this.status = end.status;
    this.output = end.output;
    this.error = end.error;
    this.cause = end.cause;
    this.stopDate = new Date();
    this.resolveDone();

    return true;
  }
}
