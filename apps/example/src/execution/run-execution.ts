import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { followExecutionHistory } from './execution-history';
import { ProgressReporter, type StateFailure, type StateSummarizer } from './progress-reporter';

/** Options of {@link runExecution}. */
export interface RunExecutionOptions {
  readonly stateMachineArn: string;
  readonly input: unknown;
  /** Execution name; unique per state machine. @default a name made of the start time */
  readonly name?: string;
  /** Receives one line per progress step. */
  readonly writeLine: (line: string) => void;
  /** Summaries of state outputs, by state name. */
  readonly summarizers?: Readonly<Record<string, StateSummarizer>>;
  readonly signal?: AbortSignal;
  /** Milliseconds between two reads of the execution history. @default 250 */
  readonly historyPollIntervalMs?: number;
}

/** End state of an execution, with its output or its failure. */
export type ExecutionOutcome =
  | { readonly status: 'SUCCEEDED'; readonly executionArn: string; readonly output: unknown }
  | { readonly status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; readonly executionArn: string; readonly failure: StateFailure };

/**
 * Starts an execution, reports its progress from the execution history, and
 * returns its outcome: the parsed output on success, or the failing state with
 * its error and cause otherwise.
 */
export async function runExecution(client: SFNClient, options: RunExecutionOptions): Promise<ExecutionOutcome> {
  const name = options.name ?? `run-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const started = await client.send(
    new StartExecutionCommand({ stateMachineArn: options.stateMachineArn, name, input: JSON.stringify(options.input) }),
  );
  const executionArn = started.executionArn!;
  options.writeLine(`Execution ${name} started`);

  const reporter = new ProgressReporter(options.writeLine, options.summarizers);
  await followExecutionHistory(client, executionArn, (event) => reporter.onEvent(event), {
    signal: options.signal,
    pollIntervalMs: options.historyPollIntervalMs,
  });

  const described = await client.send(new DescribeExecutionCommand({ executionArn }));
  if (described.status === 'SUCCEEDED') {
    return { status: 'SUCCEEDED', executionArn, output: JSON.parse(described.output ?? 'null') as unknown };
  }
  const status = described.status === 'TIMED_OUT' || described.status === 'ABORTED' ? described.status : 'FAILED';
  return { status, executionArn, failure: reporter.failure(described.error, described.cause) };
}
