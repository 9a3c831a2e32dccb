/**
 * Child process of the per-task overhead scenario: runs the same task, in
 * process and with no network, three ways, and prints one JSON line with
 * the median and p99 time per task of each, in microseconds:
 * - `bare`: parse the JSON input, call the handler, serialize its output;
 * - `handWritten`: the same plus class-transformer and class-validator on
 *   the ten-field input and one winston log line, as a user would write it;
 * - `framework`: the core's task pipeline (parse, build and validate the
 *   `@Input`, resolve the handler from the container, serialize), plus the
 *   per-task child logger and outcome line that the task runner writes.
 *
 * Environment: BVW_BENCH_OVERHEAD_TASKS (per block, default 20000),
 * BVW_BENCH_OVERHEAD_BLOCKS (default 3), BVW_BENCH_OVERHEAD_WARMUP (default 2000).
 */
import { Writable } from 'node:stream';

import { createLogger, createTaskLogger, createTaskPipeline, Input, readWorkerDefinition, Worker, WorkerApplication, type TaskContext } from '@bevault-workers/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createLogger as createWinstonLogger, format, transports } from 'winston';

import { percentile } from '../../measure/statistics';
import { summarizeInput, TEN_FIELD_TASK_INPUT, TenFieldInput, type TenFieldOutput } from './ten-field-input';

const tasksPerBlock = Number(process.env.BVW_BENCH_OVERHEAD_TASKS ?? 20_000);
const blocks = Number(process.env.BVW_BENCH_OVERHEAD_BLOCKS ?? 3);
const warmupTasks = Number(process.env.BVW_BENCH_OVERHEAD_WARMUP ?? 2_000);

@Worker('ten_fields')
@Input(TenFieldInput)
class TenFieldWorker {
  handle(input: TenFieldInput): TenFieldOutput {
    return summarizeInput(input);
  }
}

/** Creates a stream that drops what is written, so log lines cost their formatting and nothing else. */
function nullStream(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

type RunTask = (taskNumber: number) => Promise<void>;

function bareTask(): RunTask {
  return async () => {
    const input = JSON.parse(TEN_FIELD_TASK_INPUT) as TenFieldInput;
    JSON.stringify(summarizeInput(input));
  };
}

function handWrittenTask(): RunTask {
  const logger = createWinstonLogger({ level: 'info', format: format.combine(format.timestamp(), format.json()), transports: [new transports.Stream({ stream: nullStream() })] });

  return async (taskNumber) => {
    const input = plainToInstance(TenFieldInput, JSON.parse(TEN_FIELD_TASK_INPUT) as object);
    const errors = await validate(input, { whitelist: true });

    if (errors.length > 0) {
      throw new Error(`The ten-field input is invalid: ${errors.map((error) => error.property).join(', ')}`);
    }

    const output = JSON.stringify(summarizeInput(input));
    logger.info('Task finished', { taskId: taskNumber, outcome: 'succeeded', outputLength: output.length });
  };
}

async function frameworkTask(): Promise<RunTask> {
  const logger = createLogger({ level: 'info', format: 'json', destination: nullStream() });
  const application = await WorkerApplication.create({
    workers: [TenFieldWorker],
    stores: [],
    env: {},
    envFile: false,
    handleSignals: false,
    logger,
    config: { serviceUrl: 'http://127.0.0.1:9', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench-secret' } },
  });
  const definition = readWorkerDefinition(TenFieldWorker);
  const pipeline = createTaskPipeline({ definition, container: application.container, stores: application.stores, logger });
  const activityArn = 'arn:aws:states:us-east-1:123456789012:activity:ten_fields';

  return async (taskNumber) => {
    const startedAt = Date.now();
    const taskToken = `bench-task-token-${taskNumber}`;
    const taskLogger = createTaskLogger(logger, { workerName: definition.name, activityArn, taskToken });
    const controller = new AbortController();
    const context: TaskContext = {
      taskId: String(taskNumber),
      workerName: definition.name,
      activityArn,
      signal: controller.signal,
      logger: taskLogger,
      receivedAt: new Date(startedAt),
      heartbeat: async () => undefined,
    };

    const answer = await pipeline.run(TEN_FIELD_TASK_INPUT, context);

    if (answer.kind !== 'success') {
      throw new Error(`The framework pipeline did not succeed: ${JSON.stringify(answer)}`);
    }

    taskLogger.info('Task finished', { outcome: 'succeeded', durationMs: Date.now() - startedAt });
  };
}

async function timeTasks(run: RunTask, count: number, samples: number[]): Promise<void> {
  for (let taskNumber = 0; taskNumber < count; taskNumber += 1) {
    const startedAt = performance.now();
    await run(taskNumber);
    samples.push((performance.now() - startedAt) * 1000);
  }
}

async function main(): Promise<void> {
  const variants: Record<string, RunTask> = { bare: bareTask(), handWritten: handWrittenTask(), framework: await frameworkTask() };
  const samples: Record<string, number[]> = {};

  for (const [name, run] of Object.entries(variants)) {
    await timeTasks(run, warmupTasks, []);
    samples[name] = [];
  }

  // Blocks alternate between the variants, so that a slow spell of the machine falls on each.
  for (let block = 0; block < blocks; block += 1) {
    for (const [name, run] of Object.entries(variants)) {
      await timeTasks(run, tasksPerBlock, samples[name]);
    }
  }

  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, times]) => [name, { tasks: times.length, medianMicros: percentile(times, 0.5), p99Micros: percentile(times, 0.99) }]),
  );

  console.log(JSON.stringify({ benchmark: 'task-overhead', variants: summary }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
