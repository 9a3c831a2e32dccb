import { Inject, Input, Worker, type TaskContext } from '@bevault-workers/core';
import { IsString } from 'class-validator';

export const GREETING = 'greeting';

export class GreetInput {
  @IsString()
  name!: string;
}

/** Greets with the injected greeting, or waits for its signal when the name is `wait`. */
@Worker('greet')
@Input(GreetInput)
export class GreetWorker {
  constructor(@Inject(GREETING) private readonly greeting: string) {}

  async handle(input: GreetInput, task: TaskContext): Promise<unknown> {
    if (input.name === 'wait') {
      await new Promise<void>((resolve) => (task.signal.aborted ? resolve() : task.signal.addEventListener('abort', () => resolve(), { once: true })));
      return { stoppedBy: (task.signal.reason as { kind: string }).kind };
    }

    return `${this.greeting} ${input.name}`;
  }
}
