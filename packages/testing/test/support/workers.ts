import { Inject, Injectable, Input, TaskFailure, Worker, type TaskContext } from '@bevault-workers/core';
import { IsInt, IsString, Min } from 'class-validator';

export const CLOCK = 'clock';

/** A source of the current time, injected so that tests can fix it. */
export interface Clock {
  now(): Date;
}

export class GreetInput {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  times!: number;
}

@Injectable()
export class Greeter {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  greet(name: string): string {
    return `Hello ${name} at ${this.clock.now().toISOString()}`;
  }
}

/** Greets, or for the special names returns the Python library's dict results, throws or returns too much. */
@Worker('greet')
@Input(GreetInput)
export class GreetWorker {
  constructor(private readonly greeter: Greeter) {}

  async handle(input: GreetInput): Promise<unknown> {
    switch (input.name) {
      case 'error':
        return { status: 'error', error_message: 'asked to fail' };
      case 'cancel':
        return { status: 'canceled' };
      case 'throw':
        throw new TaskFailure('Greet.Refused', 'This name is refused.');
      case 'huge':
        return 'x'.repeat(300 * 1024);
      default:
        return { greetings: Array.from({ length: input.times }, () => this.greeter.greet(input.name)) };
    }
  }
}

/** Waits until its signal aborts; returns or keeps waiting depending on `input.ignoreSignal`. */
@Worker('wait', { heartbeatSeconds: 0.05 })
export class WaitWorker {
  async handle(input: { ignoreSignal?: boolean; heartbeat?: boolean }, task: TaskContext): Promise<unknown> {
    if (input.heartbeat === true) {
      await task.heartbeat();
    }

    if (input.ignoreSignal === true) {
      return new Promise(() => undefined);
    }

    await untilAborted(task.signal);
    task.logger.info('Wait stopped', { reason: (task.signal.reason as { kind: string }).kind });
    return { stoppedBy: (task.signal.reason as { kind: string }).kind };
  }
}

/** Resolves once `signal` aborts, at once if it already did. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) {
    return Promise.resolve();
  }

  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
