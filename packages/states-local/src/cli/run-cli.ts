import type { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { StatesLocal } from '../states-local';
import { CliArgumentError, parseCliArguments, USAGE } from './arguments';
import { createConsoleLogger, type ConsoleOutput } from './console-logger';

/** Output sink and signal source of the CLI. */
export interface CliEnvironment {
  output: ConsoleOutput;
  /** Emits `SIGINT` and `SIGTERM`; `process` in the real binary. */
  signals: Pick<EventEmitter, 'once' | 'off'>;
  /** Called once the endpoint listens, with the running instance. */
  onStarted?(states: StatesLocal): void;
}

/**
 * Runs the `states-local` command: starts the endpoint, prints its URL,
 * waits for SIGINT or SIGTERM and stops it. Returns the exit code.
 */
export async function runCli(argv: string[], environment: CliEnvironment): Promise<number> {
  const { output } = environment;
  let args;

  try {
    args = parseCliArguments(argv);
  } catch (error) {
    if (error instanceof CliArgumentError) {
      output.error(`states-local: ${error.message}\n\n${USAGE}`);

      return 2;
    }

    throw error;
  }

  if (args.help) {
    output.log(USAGE);

    return 0;
  }

  const logger = createConsoleLogger(args.logLevel, output);
  const states = await StatesLocal.start({
    port: args.port,
    host: args.host,
    region: args.region,
    accountId: args.accountId,
    pollHoldMs: args.pollHoldMs,
    credentials: args.credentials,
    logger,
  });

  try {
    for (const name of args.activities) {
      states.createActivity(name);
    }

    for (const file of args.stateMachineFiles) {
      const name = basename(file, extname(file));
      const arn = await states.createStateMachine(name, await readFile(file, 'utf8'));

      output.log(`State machine ${name}: ${arn}`);
    }
  } catch (error) {
    await states.stop();
    throw error;
  }

  output.log(`Local States listening on ${states.url}`);
  output.log(`Point workers at it with stepFunctions__serviceUrl=${states.url}`);
  environment.onStarted?.(states);

  const signal = await new Promise<string>((resolve) => {
    const onSignal = (name: string) => {
      environment.signals.off('SIGINT', onSignal);
      environment.signals.off('SIGTERM', onSignal);
      resolve(name);
    };

    environment.signals.once('SIGINT', onSignal);
    environment.signals.once('SIGTERM', onSignal);
  });

  logger.info('Stopping on signal', { signal });
  await states.stop();

  return 0;
}
