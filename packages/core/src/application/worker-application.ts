import type { StoreRegistry } from '@bevault-workers/stores';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';

import { SfnActivityApi } from '../client/sfn-activity-api';
import { createStepFunctionsConnection, type StepFunctionsConnection } from '../client/sfn-client';
import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { HeartbeatScheduler } from '../heartbeat/heartbeat-scheduler';
import { createHealthServer } from '../http/create-health-server';
import type { HealthServer, HttpServerAddress } from '../http/health-server';
import { readinessOf, type Readiness } from '../http/readiness';
import { ApplicationStateMachine, type ApplicationState } from '../lifecycle/application-state';
import { installSignalHandlers } from '../lifecycle/signal-handlers';
import { installUncaughtErrorHandler } from '../lifecycle/uncaught-error-handler';
import { AnswerSender } from '../polling/answer-sender';
import { registerActivities } from '../registration/register-activities';
import { drainWorkers, type WorkerRuntime } from '../shutdown/drain-workers';
import { createStoreSync } from '../store-sync/create-store-sync';
import type { StoreSync } from '../store-sync/store-sync';
import { ApplicationClosedError } from './application-closed-error';
import { bootstrapApplication, type WorkerPlan } from './bootstrap';
import { buildWorkerRuntimes } from './build-worker-runtimes';
import { RuntimeCounters, type WorkerCounters } from './runtime-counters';
import { RuntimeEvents, type RuntimeObserver } from './runtime-events';
import type { WorkerApplicationOptions } from './worker-application-options';

/**
 * Options of {@link WorkerApplication.close}.
 *
 * @public
 */
export interface CloseOptions {
  /**
   * Stop at once instead of gracefully: abort the polls in flight (a task the
   * service hands to one of them is lost until its timeout), answer running
   * tasks with `Worker.ShuttingDown`, and wait at most 2 s for those answers.
   * Can be requested while a graceful shutdown is under way; a second SIGINT
   * or SIGTERM does this.
   * @defaultValue false
   */
  readonly immediate?: boolean;
}

/**
 * A worker process: registers one activity per `@Worker` class, polls each
 * with a pool of slots, runs the tasks through their pipelines with
 * heartbeats, and shuts down without losing a task.
 *
 * @example
 * ```ts
 * const app = await WorkerApplication.create({ workers: [CsvImportWorker], providers: [CsvParser] });
 * await app.start(); // resolves after a graceful shutdown (SIGINT, SIGTERM or app.close())
 * ```
 *
 * @public
 */
export class WorkerApplication {
  private readonly machine: ApplicationStateMachine;
  private readonly events: RuntimeEvents;
  private readonly runtimeCounters = new RuntimeCounters();
  private readonly connection: StepFunctionsConnection;
  private readonly api: SfnActivityApi;
  private readonly heartbeats: HeartbeatScheduler;
  private readonly storeSync: StoreSync | undefined;
  private readonly healthServer: HealthServer | undefined;
  private readonly registrationStop = new AbortController();
  private readonly immediateStop = new AbortController();
  private arns = new Map<string, string>();
  private runtimes: WorkerRuntime[] = [];
  private starting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private removeSignalHandlers: (() => void) | undefined;
  private readonly finished: Promise<void>;
  private markFinished!: () => void;

  private constructor(
    private readonly config: WorkerRuntimeConfig,
    private readonly logger: Logger,
    private readonly storeRegistry: StoreRegistry,
    private readonly ownsStores: boolean,
    private readonly dependencyContainer: DependencyContainer,
    private readonly plans: readonly WorkerPlan[],
    private readonly handleSignals: boolean,
  ) {
    this.events = new RuntimeEvents(logger);
    this.events.subscribe(this.runtimeCounters);
    this.machine = new ApplicationStateMachine(logger, (from, to) => this.events.emit({ type: 'state-changed', from, to }));
    this.finished = new Promise((resolve) => (this.markFinished = resolve));

    const totalConcurrency = plans.reduce((sum, plan) => sum + plan.settings.concurrency, 0);
    this.connection = createStepFunctionsConnection(config, totalConcurrency);
    this.api = new SfnActivityApi(this.connection.client, config);
    this.heartbeats = new HeartbeatScheduler({ api: this.api, events: this.events });

    for (const plan of plans) {
      this.runtimeCounters.addWorker(plan.definition.name, plan.settings.concurrency);
    }

    const health = createHealthServer({
      config,
      workers: plans.map((plan) => ({ name: plan.definition.name, capacity: plan.settings.concurrency })),
      stores: storeRegistry,
      readiness: () => this.readiness(),
      logger,
    });
    this.healthServer = health?.server;
    if (health !== undefined) {
      this.events.subscribe(health.metrics);
    }

    this.storeSync = createStoreSync({
      config,
      stores: storeRegistry,
      logger,
      credentials: this.connection.client.config.credentials,
      onFailure: (operation, errorCode) => health?.metrics.countStoreSyncFailure(operation, errorCode),
    });
  }

  /**
   * Loads the configuration, the logger and the stores, reads the worker
   * classes and checks every worker, provider and store before any network
   * call. Nothing polls until {@link WorkerApplication.start} or {@link WorkerApplication.listen}.
   *
   * @throws ConfigurationError for an invalid setting, WorkerDefinitionError
   *   for a worker class that cannot be used, DependencyResolutionError for a
   *   constructor parameter nothing provides.
   */
  static async create(options: WorkerApplicationOptions = {}): Promise<WorkerApplication> {
    const parts = bootstrapApplication(options);

    try {
      return new WorkerApplication(
        parts.config,
        parts.logger,
        parts.stores,
        parts.ownsStores,
        parts.container,
        parts.workers,
        options.handleSignals ?? true,
      );
    } catch (error) {
      if (parts.ownsStores) {
        await parts.stores.close();
      }

      throw error;
    }
  }

  /** Current lifecycle state. */
  get state(): ApplicationState {
    return this.machine.state;
  }

  /** ARN of each worker's activity, by worker name; filled once the application is running. */
  get activityArns(): ReadonlyMap<string, string> {
    return this.arns;
  }

  /** The application's dependency container (a child container of its own). */
  get container(): DependencyContainer {
    return this.dependencyContainer;
  }

  /** The application's store registry. */
  get stores(): StoreRegistry {
    return this.storeRegistry;
  }

  /** Listening address of the health and metrics server; undefined when it is off or not listening. */
  get httpServerAddress(): HttpServerAddress | undefined {
    return this.healthServer?.address;
  }

  /** Returns whether the application takes tasks, as `/readyz` reports it. */
  readiness(): Readiness {
    return readinessOf(this.machine.state);
  }

  /** Copies the counters of every worker, by worker name. */
  counters(): Record<string, WorkerCounters> {
    return this.runtimeCounters.snapshot();
  }

  /** Subscribes an observer to runtime events; returns the function that unsubscribes it. */
  observe(observer: RuntimeObserver): () => void {
    return this.events.subscribe(observer);
  }

  /**
   * Registers the activities and starts polling; resolves once every worker
   * polls. Registration is retried while the endpoint is unreachable.
   * Repeated calls share one start.
   *
   * @throws CredentialsMissingError when no credentials are configured and the AWS default chain finds none.
   * @throws CredentialsRejectedError when the endpoint rejects the credentials.
   * @throws ActivityRegistrationError when CreateActivity fails for good.
   * @throws ApplicationClosedError when the application was closed before it started polling.
   */
  listen(): Promise<void> {
    this.starting ??= this.startPolling();

    return this.starting;
  }

  /**
   * Starts like {@link WorkerApplication.listen} and resolves after the
   * graceful shutdown that SIGINT, SIGTERM or {@link WorkerApplication.close} started.
   */
  async start(): Promise<void> {
    try {
      await this.listen();
    } catch (error) {
      // Closed while registering: a shutdown like any other.
      if (!(error instanceof ApplicationClosedError)) {
        throw error;
      }
    }

    await this.finished;
  }

  /**
   * Shuts down: stops polling, lets running tasks finish within
   * `shutdownGraceSeconds`, answers the rest with `Worker.ShuttingDown`, waits
   * for polls in flight, then closes the stores it owns and the HTTP agent.
   * Store sync stops when the shutdown starts, its long polls aborted; the
   * health and metrics server answers until the end (`/readyz` with 503).
   * Repeated calls share one shutdown.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (options.immediate === true) {
      this.immediateStop.abort();
    }

    this.closing ??= this.shutDown();

    return this.closing;
  }

  private async startPolling(): Promise<void> {
    if (this.machine.state !== 'created') {
      throw new Error(`Cannot start a worker application in state "${this.machine.state}"; create a new one.`);
    }

    this.machine.set('starting', { workers: this.plans.map((plan) => plan.definition.name), endpoint: this.endpointLabel() });

    if (this.handleSignals) {
      const removeSignalHandlers = installSignalHandlers(
        { shutdown: () => void this.close(), stopNow: () => this.close({ immediate: true }) },
        this.logger,
      );
      const removeUncaughtErrorHandler = installUncaughtErrorHandler(() => this.close(), this.logger);
      this.removeSignalHandlers = () => {
        removeSignalHandlers();
        removeUncaughtErrorHandler();
      };
    }

    let arns: Map<string, string> | undefined;

    try {
      await this.healthServer?.start();
      this.storeSync?.start();

      arns = await registerActivities(
        this.plans.map((plan) => plan.activityName),
        {
          api: this.api,
          logger: this.logger,
          endpoint: this.endpointLabel(),
          staticCredentials: this.config.credentials !== undefined,
          signal: this.registrationStop.signal,
        },
      );

      // The first tasks should find the States stores, and States returns the first sync call at once.
      await this.storeSync?.waitForFirstSync(this.config.storeSync.requestTimeoutMs);
    } catch (error) {
      this.machine.set('failed', { error: error instanceof Error ? error.message : String(error) });
      await this.releaseResources();
      this.markFinished();
      throw error;
    }

    if (arns === undefined || this.registrationStop.signal.aborted) {
      throw new ApplicationClosedError();
    }

    this.runtimes = buildWorkerRuntimes(this.plans, arns, {
      api: this.api,
      heartbeats: this.heartbeats,
      answers: new AnswerSender({ api: this.api }),
      events: this.events,
      logger: this.logger,
    });
    this.arns = new Map(this.runtimes.map((runtime) => [runtime.workerName, runtime.activityArn]));

    for (const runtime of this.runtimes) {
      runtime.poller.start();
    }

    this.storeRegistry.startHealthChecks();
    this.storeSync?.startStatusReports();
    this.machine.set('running', {
      activities: this.plans.map((plan) => ({ activityName: plan.activityName, concurrency: plan.settings.concurrency, maxPollers: plan.settings.maxPollers })),
      maxSockets: this.connection.maxSockets,
    });
  }

  private async shutDown(): Promise<void> {
    const from = this.machine.state;

    // Nothing runs in a failed application, and its resources are released already.
    if (from === 'failed' || from === 'stopped') {
      return;
    }

    this.registrationStop.abort();
    this.machine.set('stopping');
    await this.storeSync?.close();

    if (from === 'starting') {
      await this.starting?.catch(() => undefined);
    }

    if (this.runtimes.length > 0) {
      await drainWorkers({
        workers: this.runtimes,
        graceMs: this.config.shutdownGraceMs,
        logger: this.logger,
        immediate: this.immediateStop.signal,
      });
    }

    await this.releaseResources();
    this.machine.set('stopped');
    this.markFinished();
  }

  /** Stops store sync, heartbeats, store health checks, owned stores, the HTTP agent and the health server; a failing step does not skip the others. */
  private async releaseResources(): Promise<void> {
    this.removeSignalHandlers?.();
    this.removeSignalHandlers = undefined;

    const steps: Array<[string, () => void | Promise<void>]> = [
      ['store sync', () => this.storeSync?.close()],
      ['heartbeats', () => this.heartbeats.stop()],
      ['store health checks', () => this.storeRegistry.stopHealthChecks()],
      ['stores', () => (this.ownsStores ? this.storeRegistry.close() : undefined)],
      ['Step Functions client', () => this.connection.destroy()],
      ['health and metrics server', () => this.healthServer?.close()],
    ];

    for (const [resource, release] of steps) {
      try {
        await release();
      } catch (error) {
        this.logger.error('Closing a resource failed; continuing the shutdown', { resource, error: String(error) });
      }
    }
  }

  private endpointLabel(): string {
    return this.config.serviceUrl ?? `the AWS Step Functions endpoint of ${this.config.region}`;
  }
}
