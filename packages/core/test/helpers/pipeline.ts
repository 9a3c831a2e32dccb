import type { StoreRegistry } from '@bevault-workers/stores';

import {
  createApplicationContainer,
  createTaskPipeline,
  readWorkerDefinition,
  type Constructor,
  type Provider,
  type TaskAnswer,
  type TaskContext,
  type TaskPipeline,
} from '../../src/index';
import { captureLogs } from './log-capture';
import { testConfig } from './runtime-config';
import { createTestContext } from './task-context';

/** A worker's real container and pipeline, and a way to run one task through them. */
export interface PipelineUnderTest {
  readonly pipeline: TaskPipeline;
  run(rawInput: string, context?: TaskContext): Promise<TaskAnswer>;
  context(): { context: TaskContext; controller: AbortController };
  /** Log entries written so far, parsed from the logger's JSON output. */
  logs(): Array<Record<string, unknown>>;
}

/** Builds the container and the pipeline of one worker class, as the application does. */
export function pipelineFor(workerClass: Constructor, stores: StoreRegistry, providers: Provider[] = []): PipelineUnderTest {
  const { logger, entries } = captureLogs();
  const definition = readWorkerDefinition(workerClass);
  const container = createApplicationContainer({ definitions: [definition], providers, stores, logger, config: testConfig() });
  const pipeline = createTaskPipeline({ definition, container, stores, logger });
  const context = () => createTestContext(logger, definition.name);

  return {
    pipeline,
    context,
    logs: entries,
    run: (rawInput, taskContext) => pipeline.run(rawInput, taskContext ?? context().context),
  };
}
