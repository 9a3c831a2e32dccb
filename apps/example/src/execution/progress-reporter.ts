import type { HistoryEvent } from '@aws-sdk/client-sfn';

/** The state a failed execution failed in, with the error it reported. */
export interface StateFailure {
  readonly state: string;
  readonly error: string;
  readonly cause: string;
}

/** Turns the output of a state into a short summary, or undefined for none. */
export type StateSummarizer = (output: unknown) => string | undefined;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function formatSeconds(from: Date | undefined, to: Date | undefined): string {
  if (from === undefined || to === undefined) {
    return '';
  }
  return ` (${((to.getTime() - from.getTime()) / 1000).toFixed(1)} s)`;
}

/**
 * Writes one line per step of an execution as its history events arrive: a
 * state entered, the worker that took its task, a state left with an optional
 * summary of its output, and each task failure. A state whose last task failed
 * and whose `Catch` moved on is shown as caught, never as passed. It also keeps the failure to
 * report when the execution fails: the last task failure and its state, or
 * else the execution's own error in the last state entered.
 */
export class ProgressReporter {
  private readonly enteredAt = new Map<string, Date | undefined>();
  private lastEnteredState = '';
  private lastTaskFailure: StateFailure | undefined;
  /** States whose latest task attempt failed; a retry that succeeds removes the state. */
  private readonly failedStates = new Set<string>();

  constructor(
    private readonly writeLine: (line: string) => void,
    private readonly summarizers: Readonly<Record<string, StateSummarizer>> = {},
  ) {}

  /** Reports one history event. */
  onEvent(event: HistoryEvent): void {
    const entered = event.stateEnteredEventDetails;
    if (entered?.name !== undefined) {
      this.lastEnteredState = entered.name;
      this.enteredAt.set(entered.name, event.timestamp);
      this.writeLine(`→ ${entered.name}`);
      return;
    }

    const exited = event.stateExitedEventDetails;
    if (exited?.name !== undefined) {
      const duration = formatSeconds(this.enteredAt.get(exited.name), event.timestamp);

      if (this.failedStates.delete(exited.name)) {
        this.writeLine(`  ${exited.name} left through its Catch${duration}`);
        return;
      }

      const summary = this.summarizers[exited.name]?.(parseJson(exited.output));
      this.writeLine(`✓ ${exited.name}${duration}${summary === undefined ? '' : `: ${summary}`}`);
      return;
    }

    if (event.activitySucceededEventDetails !== undefined || event.taskSucceededEventDetails !== undefined) {
      this.failedStates.delete(this.lastEnteredState);
      return;
    }

    const started = event.activityStartedEventDetails;
    if (started !== undefined) {
      this.writeLine(`  task taken by ${started.workerName ?? 'a worker'}`);
      return;
    }

    const failed = event.activityFailedEventDetails ?? event.activityTimedOutEventDetails ?? event.activityScheduleFailedEventDetails ?? event.taskFailedEventDetails;
    if (failed !== undefined) {
      this.lastTaskFailure = { state: this.lastEnteredState, error: failed.error ?? 'States.TaskFailed', cause: failed.cause ?? '' };
      this.failedStates.add(this.lastEnteredState);
      this.writeLine(`✗ ${this.lastEnteredState}: ${failed.error ?? 'failed'}`);
    }
  }

  /**
   * Returns the failure to report for a failed execution: the last task failure
   * and its state, or, when no task failed, the execution's own error in the
   * last state entered.
   */
  failure(executionError: string | undefined, executionCause: string | undefined): StateFailure {
    if (this.lastTaskFailure !== undefined) {
      return this.lastTaskFailure;
    }
    return { state: this.lastEnteredState, error: executionError ?? 'States.Runtime', cause: executionCause ?? '' };
  }
}
