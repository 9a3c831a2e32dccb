import type { StoreLookup } from '@bevault-workers/stores';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';

import { TaskFailure } from '../errors/task-failure';
import { resolveStoreRefs } from '../injection/resolve-store-refs';
import type { StoreSource } from '../injection/store-source';
import { TaskStoreScope } from '../injection/task-store-scope';
import { failureAnswer } from '../results/failure-answer';
import { mapHandlerResult } from '../results/map-handler-result';
import { mapThrownValue } from '../results/map-thrown-value';
import { WorkerErrorCodes } from '../results/worker-error-codes';
import type { TaskAnswer } from '../task/task-answer';
import type { TaskContext } from '../task/task-context';
import type { TaskPipeline } from '../task/task-pipeline';
import type { WorkerDefinition, WorkerHandlerInstance } from '../workers/worker-definition';
import { buildInput } from './build-input';
import { parseTaskInput } from './parse-task-input';

/**
 * Options of {@link createTaskPipeline}.
 *
 * @internal
 */
export interface TaskPipelineOptions {
  readonly definition: WorkerDefinition;
  /** The application container, from `createApplicationContainer`. */
  readonly container: DependencyContainer;
  /** Stores that `@StoreRef` and `@FileTokenRef` input properties are resolved against. */
  readonly stores: StoreSource;
  /** Logger for entries outside a task; task entries go to `context.logger`. */
  readonly logger: Logger;
}

/**
 * Builds the pipeline that runs one worker's tasks: parse the input JSON,
 * build and validate the `@Input` instance, resolve its store references
 * (against a snapshot of the registry held until the task ends), take
 * the worker instance from the container (one per application, shared by
 * concurrent tasks), call `handle(input, context)`, and map what it returns or
 * throws to a {@link TaskAnswer}.
 *
 * `run` never rejects. A handler that settles after `context.signal` aborted
 * is mapped like any other; the caller decides whether to send the answer.
 *
 * @internal
 */
export function createTaskPipeline(options: TaskPipelineOptions): TaskPipeline {
  const { definition, container } = options;
  const storeScope = container.isRegistered(TaskStoreScope, true)
    ? container.resolve(TaskStoreScope)
    : new TaskStoreScope(options.stores, options.logger);

  return {
    workerName: definition.name,
    run: async (rawInput, context) => {
      try {
        return await storeScope.run((stores) => runTask(options, stores, rawInput, context));
      } catch (unexpected) {
        // Reached only if logging or a mapping step itself throws: the task still gets an answer.
        return mapThrownValue(unexpected);
      }
    },
  };
}

async function runTask(options: TaskPipelineOptions, stores: StoreLookup, rawInput: string, context: TaskContext): Promise<TaskAnswer> {
  const { definition } = options;
  const logger = context.logger;

  const parsed = parseTaskInput(rawInput);
  if (!parsed.ok) {
    return invalidInput(definition, [`- (root): ${parsed.problem}`], logger);
  }

  const built = await buildInput(definition, parsed.value);
  if (!built.ok) {
    return invalidInput(definition, built.problems, logger);
  }

  const storeProblems = resolveStoreRefs(built.value, stores);
  if (storeProblems.length > 0) {
    return invalidInput(definition, storeProblems, logger);
  }

  let handler: WorkerHandlerInstance;
  try {
    handler = options.container.resolve(definition.workerClass);
  } catch (error) {
    logger.error('Worker instance unavailable', { error });
    const reason = error instanceof Error ? error.message : String(error);
    return failureAnswer(WorkerErrorCodes.handlerUnavailable, `Creating worker ${definition.workerClass.name} failed: ${reason}`, error);
  }

  logger.debug('Handler started', { inputBytes: Buffer.byteLength(rawInput, 'utf8') });

  let result: unknown;
  try {
    result = await handler.handle(built.value, context);
  } catch (thrown) {
    const answer = mapThrownValue(thrown);
    if (thrown instanceof TaskFailure) {
      logger.debug('Handler failed the task', { errorCode: answer.error, aborted: context.signal.aborted });
    } else {
      // Not a deliberate TaskFailure, so most likely a bug: its stack goes where operators look.
      logger.warn('Handler threw', { errorCode: answer.error, error: thrown, aborted: context.signal.aborted });
    }
    return answer;
  }

  const answer = mapHandlerResult(result);
  logger.debug('Handler returned', { answer: answer.kind, aborted: context.signal.aborted });
  return answer;
}

function invalidInput(definition: WorkerDefinition, problems: readonly string[], logger: Logger): TaskAnswer {
  const subject = definition.inputClass === undefined ? 'input' : `input (${definition.inputClass.name})`;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  logger.debug('Task input rejected', { problems: problems.length });

  return failureAnswer(WorkerErrorCodes.invalidInput, [`The ${subject} of worker '${definition.name}' is invalid (${count}):`, ...problems].join('\n'));
}
