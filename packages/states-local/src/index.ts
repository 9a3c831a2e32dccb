/**
 * Local States: a Step Functions-compatible endpoint for developing,
 * testing and benchmarking workers.
 *
 * - {@link StatesLocal} starts an endpoint in-process: activities, task
 *   queues with long polls, counters, fault injection, and state machines
 *   run by an Amazon States Language interpreter.
 * - The `states-local` CLI starts one from the command line.
 *
 * @packageDocumentation
 */
export { StatesLocal, type EnqueuedTask } from './states-local';
export type { StatesLocalOptions, StatesLocalCredentials } from './options';
export type { StatesLocalLogger } from './logging/logger';
export type { ActivityCounters } from './activities/counters';
export type { TaskOutcome, TaskTimeouts } from './activities/task-outcome';
export type { TaskListener } from './activities/activity-task';
export type { ExecutionStatus } from './executions/execution';
export type { HistoryEvent } from './executions/execution-history';
export type { CreateStateMachineOptions, ExecutionDescription, StartExecutionOptions, StopExecutionOptions } from './executions/execution-types';
export { StoreSync } from './store-sync/store-sync';
export type {
  EnvironmentStoreStatuses,
  ForceCheckRequest,
  LocalStoreDefinition,
  StatesStoreDefinition,
  StoreStatus,
} from './store-sync/store-sync-types';
export { FaultInjector } from './faults/fault-injector';
export type { FaultKind, FaultRule } from './faults/fault-rule';
export { ServiceError } from './protocol/service-error';
export { Limits } from './protocol/limits';
