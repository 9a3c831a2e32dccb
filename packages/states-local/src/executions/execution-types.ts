import type { ExecutionStatus } from './execution';

/**
 * An execution as {@link StatesLocal.describeExecution} returns it.
 *
 * @public
 */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  /** Set once the execution ended. */
  stopDate?: Date;
  /** Input, as JSON text. */
  input: string;
  /** Output as JSON text, for a SUCCEEDED execution. */
  output?: string;
  /** Error code, for a FAILED, TIMED_OUT or ABORTED execution. */
  error?: string;
  cause?: string;
}

/**
 * Options of {@link StatesLocal.createStateMachine}.
 *
 * @public
 */
export interface CreateStateMachineOptions {
  /** Role ARN stored with the state machine; Local States never assumes it. @default 'arn:aws:iam::<account>:role/states-local' */
  roleArn?: string;
}

/**
 * Options of {@link StatesLocal.startExecution}.
 *
 * @public
 */
export interface StartExecutionOptions {
  /** Execution name, unique per state machine. @default a random UUID */
  name?: string;
}

/**
 * Options of {@link StatesLocal.stopExecution}.
 *
 * @public
 */
export interface StopExecutionOptions {
  /** Error code recorded on the ABORTED execution. */
  error?: string;
  /** Cause recorded on the ABORTED execution. */
  cause?: string;
}
