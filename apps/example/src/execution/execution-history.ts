import { setTimeout as sleep } from 'node:timers/promises';
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** Event types that end an execution. */
const TERMINAL_EVENT_TYPES = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/** Options of {@link followExecutionHistory}. */
export interface FollowHistoryOptions {
  /**
   * Milliseconds between two reads of the history once every event so far was seen.
   * @default 250
   */
  readonly pollIntervalMs?: number;
  /** Stops following when aborted; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Reads the history of an execution as it grows and calls `onEvent` once per
 * event, in order, until an event ends the execution. Returns every event.
 * GetExecutionHistory is paged with `nextToken`, and the reading starts over
 * from the last seen event id after each wait.
 */
export async function followExecutionHistory(
  client: SFNClient,
  executionArn: string,
  onEvent: (event: HistoryEvent) => void,
  options: FollowHistoryOptions = {},
): Promise<HistoryEvent[]> {
  const seen: HistoryEvent[] = [];
  const pollIntervalMs = options.pollIntervalMs ?? 250;

  for (;;) {
    let nextToken: string | undefined;
    let index = 0;
    do {
      options.signal?.throwIfAborted();
      const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }), { abortSignal: options.signal });
      for (const event of page.events ?? []) {
        index += 1;
        if (index <= seen.length) {
          continue;
        }
        seen.push(event);
        onEvent(event);
        if (TERMINAL_EVENT_TYPES.has(event.type ?? '')) {
          return seen;
        }
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);

    await sleep(pollIntervalMs, undefined, { signal: options.signal });
  }
}
