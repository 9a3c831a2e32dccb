import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError, createLogger, loadWorkerConfig, WorkerApplication } from '@bevault-workers/core';
import { isFileStore, type FileStore } from '@bevault-workers/stores';
import { parseExampleArguments, USAGE } from './cli/arguments';
import { EXAMPLE_STORE_NAMES, loadExampleStoreDefinitions } from './bootstrap/example-stores';
import { seedLandingStore } from './bootstrap/seed-landing';
import { openServiceEndpoint, ROLE_ARN_VARIABLE, type ServiceEndpoint } from './bootstrap/service-endpoint';
import { runExecution, type ExecutionOutcome } from './execution/run-execution';
import { formatJson } from './execution/format-json';
import { deployStateMachine } from './execution/state-machine-deployment';
import { airportsStateSummaries } from './execution/state-summaries';
import type { AirportsExecutionInput, AirportsExecutionOutput } from './state-machine/execution-input';
import { renderStateMachineDefinition, STATE_MACHINE_NAME } from './state-machine/state-machine-definition';
import { exampleWorkers } from './workers';

/** Environment variable of the folder that contains the embedded stores' files. */
export const DATA_DIRECTORY_VARIABLE = 'EXAMPLE_DATA_DIR';

/** Options of {@link runExample}; every one has a default for the command line. */
export interface RunExampleOptions {
  /** Command-line arguments, without `node` and the script. */
  readonly argv: readonly string[];
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder of `.env` and `config.json`. @default process.cwd() */
  readonly cwd?: string;
  /** `.env` file to read, relative to `cwd`, or `false` for none. @default '.env' when it exists */
  readonly envFile?: string | false;
  /** Receives the progress lines and the output. @default writes to stdout */
  readonly writeLine?: (line: string) => void;
  /** Receives the error report of a failed run. @default writes to stderr */
  readonly writeError?: (line: string) => void;
  /**
   * Stream the worker logs are written to. Stdout then carries only the
   * progress lines and the output of a run, so it can be piped.
   * @default process.stderr when an execution runs, else process.stdout
   */
  readonly logDestination?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Whether SIGINT and SIGTERM shut the workers down gracefully. @default true */
  readonly handleSignals?: boolean;
}

/** Result of {@link runExample}. */
export interface RunExampleResult {
  /** Process exit code: 0 on success, 1 when the execution failed, 2 on a usage error. */
  readonly exitCode: number;
  /** Outcome of the execution, when one ran. */
  readonly outcome?: ExecutionOutcome;
}

/** Folder of the embedded stores: `EXAMPLE_DATA_DIR`, else `data` in the app folder. */
function dataDirectory(env: NodeJS.ProcessEnv, cwd: string): string {
  const configured = env[DATA_DIRECTORY_VARIABLE];
  return configured === undefined || configured === '' ? resolve(__dirname, '..', 'data') : resolve(cwd, configured);
}

/**
 * Milliseconds between two reads of the execution history from the
 * in-process Local States: short, so that each line prints as its step ends.
 * Other endpoints keep the default, within the AWS request rate.
 */
const EMBEDDED_HISTORY_POLL_MS = 50;

/** Absolute path of the `.env` file to read, or false; the application resolves relative paths against the process's working directory, not `cwd`. */
function resolveEnvFile(cwd: string, envFile: string | false | undefined): string | false {
  if (envFile === false) {
    return false;
  }
  const path = resolve(cwd, envFile ?? '.env');
  return envFile === undefined && !existsSync(path) ? false : path;
}

function landingStore(app: WorkerApplication): FileStore {
  const store = app.stores.get(EXAMPLE_STORE_NAMES.landing);
  if (!isFileStore(store)) {
    throw new TypeError(`Store ${EXAMPLE_STORE_NAMES.landing} must be a file store to receive the airports CSV, but it is a ${store.kind} store. Fix its Type in config.json`);
  }
  return store;
}

async function runAirportsWorkflow(app: WorkerApplication, endpoint: ServiceEndpoint, roleArn: string, input: Omit<AirportsExecutionInput, 'airportsFile'>, writeLine: (line: string) => void, signal: AbortSignal): Promise<ExecutionOutcome> {
  const airportsFile = await seedLandingStore(landingStore(app));
  writeLine(`Copied the airports CSV to ${airportsFile}`);

  const stateMachineArn = await deployStateMachine(endpoint.client, {
    name: STATE_MACHINE_NAME,
    definition: renderStateMachineDefinition(Object.fromEntries(app.activityArns)),
    roleArn,
  });
  writeLine(`State machine ${stateMachineArn} ready`);

  const executionInput: AirportsExecutionInput = { airportsFile, ...input };
  return runExecution(endpoint.client, {
    stateMachineArn,
    input: executionInput,
    writeLine,
    summarizers: airportsStateSummaries,
    signal,
    historyPollIntervalMs: endpoint.statesLocal === undefined ? undefined : EMBEDDED_HISTORY_POLL_MS,
  });
}

/**
 * Runs the example app. It starts Local States in-process unless a service URL
 * is configured, and boots the workers. It then runs one execution of the
 * airports workflow (always with Local States, with `--run` against a
 * service), serves tasks until a signal (with `--serve`, or with a service URL
 * and no `--run`), or does both in that order.
 */
export async function runExample(options: RunExampleOptions): Promise<RunExampleResult> {
  const writeLine = options.writeLine ?? ((line: string) => process.stdout.write(`${line}\n`));
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();

  const args = parseExampleArguments(options.argv);
  if (args.help) {
    writeLine(USAGE);
    return { exitCode: 0 };
  }

  const envFile = resolveEnvFile(cwd, options.envFile);
  // Only the endpoint and the store settings are read here. Store sync is checked by
  // WorkerApplication.create(), once the endpoint (maybe the in-process Local States) is known.
  const config = loadWorkerConfig({ env: options.env, envFile, cwd, overrides: { storeSync: { enabled: false } } });
  const stores = loadExampleStoreDefinitions(dataDirectory(env, cwd), { env, cwd, configPath: config.storeConfigPath });
  const endpoint = await openServiceEndpoint(config, env);
  const runOnce = endpoint.statesLocal !== undefined || args.run;
  const serve = args.serve || !runOnce;

  try {
    // Checked before the workers start polling, so that a missing role is a configuration error and not a failed run.
    const roleArn = runOnce ? requireRoleArn(endpoint) : undefined;

    const logger = createLogger({
      config: { ...config, credentials: endpoint.credentials },
      secrets: config.credentials === undefined ? [] : [config.credentials.secretAccessKey],
      destination: options.logDestination ?? (runOnce ? process.stderr : process.stdout),
    });
    const app = await WorkerApplication.create({
      workers: exampleWorkers,
      logger,
      env: options.env,
      envFile,
      config: { serviceUrl: endpoint.serviceUrl, credentials: endpoint.credentials },
      stores: stores.definitions,
      handleSignals: options.handleSignals ?? true,
    });
    // A signal stops following the execution too, since no worker will take its next task.
    const stopped = new AbortController();
    app.observe({
      onEvent: (event) => {
        if (event.type === 'state-changed' && event.to === 'stopping') {
          stopped.abort(new Error('The workers are shutting down'));
        }
      },
    });

    let outcome: ExecutionOutcome | undefined;
    try {
      await app.listen();
      writeLine(`Workers polling ${endpoint.serviceUrl ?? `AWS Step Functions in ${endpoint.region}`}: ${[...app.activityArns.keys()].join(', ')}`);
      if (app.httpServerAddress !== undefined) {
        writeLine(`Health and metrics: ${app.httpServerAddress.url}/healthz, /readyz and /metrics`);
      }
      if (stores.embedded.length > 0) {
        writeLine(`Embedded stores: ${stores.embedded.join(', ')}`);
      }

      if (roleArn !== undefined) {
        outcome = await runAirportsWorkflow(app, endpoint, roleArn, { warehouse: args.warehouse, exports: EXAMPLE_STORE_NAMES.exports, top: args.top, compress: args.compress }, writeLine, stopped.signal);
        reportOutcome(outcome, writeLine, writeError);
      }
      if (serve) {
        writeLine('Serving tasks; press Ctrl+C to stop');
        await app.start();
      }
    } finally {
      await app.close();
    }
    return { exitCode: outcome === undefined || outcome.status === 'SUCCEEDED' ? 0 : 1, outcome };
  } finally {
    await endpoint.close();
  }
}

/** Returns the role the state machine runs as, or throws when AWS needs one and none is configured. */
function requireRoleArn(endpoint: ServiceEndpoint): string {
  if (endpoint.roleArn === undefined) {
    throw new ConfigurationError(
      ROLE_ARN_VARIABLE,
      `Missing ${ROLE_ARN_VARIABLE}: set it to the IAM role the state machine runs as, to create it in AWS Step Functions (${endpoint.serviceUrl ?? endpoint.region}).`,
    );
  }

  return endpoint.roleArn;
}

function reportOutcome(outcome: ExecutionOutcome, writeLine: (line: string) => void, writeError: (line: string) => void): void {
  if (outcome.status === 'SUCCEEDED') {
    writeLine('Execution output:');
    writeLine(formatJson(outcome.output as AirportsExecutionOutput));
    return;
  }
  const { state, error, cause } = outcome.failure;
  writeError(`Execution ${outcome.status.toLowerCase().replace('_', ' ')} in state ${state}: ${error}`);
  if (cause !== '') {
    writeError(`Cause: ${cause}`);
  }
}
