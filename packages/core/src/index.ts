import 'reflect-metadata';

// Decorators
export { Worker } from './decorators/worker.decorator';
export { Input } from './decorators/input.decorator';
export { InjectStore, type InjectStoreOptions } from './decorators/inject-store.decorator';
export { StoreRef, FileTokenRef, type StoreKind } from './decorators/store-ref.decorator';
export { Injectable } from './decorators/injectable.decorator';
export { inject as Inject, delay } from 'tsyringe';

// Worker definitions
export type { Constructor } from './workers/constructor';
export type { WorkerOptions } from './workers/worker-options';
export type { WorkerHandler } from './workers/worker-handler';
export type { WorkerDefinition } from './workers/worker-definition';
export { readWorkerDefinition, readWorkerDefinitions } from './workers/read-worker-definition';
export { collectWorkerClasses, type WorkerSource } from './workers/collect-worker-classes';
export { resolveWorkerSettings, type WorkerSettings } from './workers/worker-settings';
export { activityNameFor } from './workers/activity-name';

// Dependency injection
export { createApplicationContainer, type ApplicationContainerOptions } from './container/create-application-container';
export type { Provider, ValueProvider, ClassProvider, FactoryProvider, ExistingProvider } from './container/provider';
export { WORKER_LOGGER, WORKER_CONFIG, STORE_REGISTRY } from './container/tokens';
export { storeToken } from './injection/store-token';
export type { StoreSource } from './injection/store-source';
export { StoreRegistry } from '@bevault-workers/stores';
export type { Store, DbStore, FileStore, ResolvedFileToken } from '@bevault-workers/stores';

// Task pipeline, results and errors
export type { TaskContext, TaskAbortReason } from './task/task-context';
export type { TaskAnswer } from './task/task-answer';
export type { TaskPipeline } from './task/task-pipeline';
export { createTaskPipeline, type TaskPipelineOptions } from './pipeline/create-task-pipeline';
export { WorkerErrorCodes, TaskAnswerLimits } from './results/worker-error-codes';
export { TaskFailure } from './errors/task-failure';
export { ConfigurationError } from './errors/configuration-error';
export { WorkerDefinitionError } from './errors/worker-definition-error';
export { DependencyResolutionError, type DependencyProblem } from './errors/dependency-resolution-error';

// Configuration
export { loadWorkerConfig, type LoadWorkerConfigOptions } from './config/load-worker-config';
export type { WorkerConfigOptions } from './config/worker-config-options';
export type { WorkerRuntimeConfig } from './config/worker-runtime-config';
export { environmentVariables } from './config/environment-variables';

// Logging
export { createLogger, type CreateLoggerOptions } from './logging/create-logger';
export { createTaskLogger, shortTaskId, type TaskLogFields } from './logging/task-logger';
export type { LogLevel, LogFormat } from './logging/log-level';

// Application and runtime
export { WorkerApplication, type CloseOptions } from './application/worker-application';
export type { WorkerApplicationOptions } from './application/worker-application-options';
export { ApplicationClosedError } from './application/application-closed-error';
export type { ApplicationState } from './lifecycle/application-state';
export type { RuntimeEvent, RuntimeObserver, TaskRunOutcome } from './application/runtime-events';
export type { WorkerCounters } from './application/runtime-counters';
export { CredentialsMissingError, CredentialsRejectedError, ActivityRegistrationError } from './registration/activity-registration-error';
export { TaskOverError } from './heartbeat/heartbeat-scheduler';
export { RuntimeErrorCodes } from './polling/runtime-error-codes';

// Store sync with States, health probes and metrics
export { STATES_STORE_PREFIX } from './store-sync/merge-store-definitions';
export { StatesStoreRequestError } from './store-sync/states-store-request-error';
export type { StoreStatus, StoreStatusValue } from './store-sync/store-statuses';
export { HttpServerError } from './http/http-server-error';
export type { HttpServerAddress } from './http/health-server';
export type { Readiness } from './http/readiness';

// Runtime seam of @bevault-workers/testing: the task runner without a poller
export { createTaskRunner, type CreateTaskRunnerOptions, type StandaloneTaskRunner, type TaskServiceCalls } from './polling/create-task-runner';
export type { ActivityTask } from './client/activity-api';
