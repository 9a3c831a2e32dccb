/**
 * Test helpers for beVault workers.
 *
 * - {@link Test.createWorkerApp} compiles workers with the real container and
 *   task pipeline and runs tasks without a network, with NestJS-style
 *   provider and store overrides, cancellation, heartbeat expiry, shutdown
 *   and captured logs.
 * - {@link runStateMachine} runs a state machine against Local States and the
 *   real `WorkerApplication`, and tears both down.
 *
 * Nothing here depends on a test runner: it works with vitest, node:test, Jest or Mocha.
 *
 * @packageDocumentation
 */

// Testing app
export { Test } from './app/test';
export { WorkerAppBuilder, type TestingAppOptions } from './app/worker-app-builder';
export { TestingWorkerApp } from './app/testing-worker-app';
export { RunningTask, type ShutdownOptions, type TaskOverCode } from './app/running-task';
export type { RunTaskOptions } from './app/start-task';
export type { TaskRunOutcome } from './app/task-run-outcome';
export type { HeartbeatCall, HeartbeatHook } from './app/recorded-service-calls';
export { HandlerStillRunningError } from './app/handler-still-running-error';

// Overrides
export { ProviderOverride, type ProviderToken } from './providers/provider-override';
export { StoreOverride, type FakeStore } from './stores/store-override';
export type { StoreEntry } from './stores/build-test-stores';

// Logs
export { CapturedLogs, type CapturedLogEntry, type LogEntryQuery } from './logging/captured-logs';

// Local States integration
export { runStateMachine, type RunStateMachineOptions, type StateMachineExecution } from './state-machine/run-state-machine';
export { startWorkerEnvironment, WorkerEnvironment, type WorkerEnvironmentSource, type ExecuteOptions } from './state-machine/worker-environment';
export type { StateMachineRun } from './state-machine/state-machine-run';
export { ExecutionTimeoutError } from './state-machine/execution-timeout-error';
export { substituteActivityArns, ACTIVITY_PLACEHOLDER_PREFIX } from './state-machine/activity-placeholders';

// Cleanup
export { closeAfterEach, type Closable, type AfterEachHook } from './cleanup/close-after-each';
