import { GetActivityTaskCommand, SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** A task as a worker receives it. */
export interface ReceivedTask {
  taskToken: string;
  input: unknown;
}

/** Polls until a task arrives, failing after `attempts` empty polls. */
export async function pollTask(client: SFNClient, activityArn: string, attempts = 5): Promise<ReceivedTask> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const answer = await client.send(new GetActivityTaskCommand({ activityArn, workerName: 'test-worker' }));

    if (answer.taskToken !== undefined) {
      return { taskToken: answer.taskToken, input: JSON.parse(answer.input ?? 'null') };
    }
  }

  throw new Error(`No task arrived on ${activityArn} after ${attempts} polls.`);
}

/** Polls one task and completes it with SendTaskSuccess; returns the task input. */
export async function succeedNextTask(client: SFNClient, activityArn: string, output: unknown): Promise<unknown> {
  const task = await pollTask(client, activityArn);

  await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify(output) }));

  return task.input;
}

/** Polls one task and fails it with SendTaskFailure; returns the task input. */
export async function failNextTask(client: SFNClient, activityArn: string, error: string, cause: string): Promise<unknown> {
  const task = await pollTask(client, activityArn);

  await client.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error, cause }));

  return task.input;
}
