import { parseArgs } from 'node:util';

import { LOG_LEVELS, type LogLevel } from './console-logger';

/** Settings read from the command line. */
export interface CliArguments {
  port: number;
  host: string;
  region: string;
  accountId: string;
  pollHoldMs: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  activities: string[];
  stateMachineFiles: string[];
  logLevel: LogLevel;
  help: boolean;
}

/** Default port of the CLI, the one LocalStack uses for Step Functions. */
export const DEFAULT_CLI_PORT = 4583;

export const USAGE = `Usage: states-local [options]

Starts Local States, a Step Functions-compatible endpoint (AWS JSON 1.0 over HTTP).

Options:
  --port <number>          TCP port to listen on; 0 picks a free port (default: ${DEFAULT_CLI_PORT})
  --host <address>         interface to listen on (default: 127.0.0.1)
  --region <region>        region in ARNs and in the SigV4 scope (default: us-east-1)
  --account-id <digits>    twelve-digit account id in ARNs (default: 123456789012)
  --access-key <id>        verify SigV4 signatures with this access key id (needs --secret-key)
  --secret-key <secret>    secret access key that goes with --access-key
  --poll-hold-ms <ms>      how long GetActivityTask waits for a task, in milliseconds (default: 60000)
  --activity <name>        create this activity at start; repeatable
  --state-machine <file>   create a state machine from an ASL JSON file, named after the file; repeatable
  --log-level <level>      error, warn, info or debug; debug logs every call (default: info)
  -h, --help               print this help and exit
`;

/** Thrown for a command line that cannot be used; the CLI prints it with the usage. */
export class CliArgumentError extends Error {
  override readonly name = 'CliArgumentError';
}

/** Parses and checks the command line, naming the option at fault. */
export function parseCliArguments(argv: string[]): CliArguments {
  let parsed;

  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: String(DEFAULT_CLI_PORT) },
        host: { type: 'string', default: '127.0.0.1' },
        region: { type: 'string', default: 'us-east-1' },
        'account-id': { type: 'string', default: '123456789012' },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        'poll-hold-ms': { type: 'string', default: '60000' },
        activity: { type: 'string', multiple: true, default: [] },
        'state-machine': { type: 'string', multiple: true, default: [] },
        'log-level': { type: 'string', default: 'info' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliArgumentError((error as Error).message, { cause: error });
  }

  const values = parsed.values;
  const accessKey = values['access-key'];
  const secretKey = values['secret-key'];

  if ((accessKey === undefined) !== (secretKey === undefined)) {
    throw new CliArgumentError('Options --access-key and --secret-key must be given together.');
  }

  const logLevel = values['log-level'] as LogLevel;

  if (!LOG_LEVELS.includes(logLevel)) {
    throw new CliArgumentError(`Option --log-level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'.`);
  }

  return {
    port: parsePort(values.port),
    host: values.host,
    region: values.region,
    accountId: values['account-id'],
    pollHoldMs: parseInteger(values['poll-hold-ms'], '--poll-hold-ms'),
    credentials: accessKey === undefined || secretKey === undefined ? undefined : { accessKeyId: accessKey, secretAccessKey: secretKey },
    activities: values.activity,
    stateMachineFiles: values['state-machine'],
    logLevel,
    help: values.help,
  };
}

/** Highest TCP port number. */
const MAX_PORT = 65_535;

function parseInteger(text: string, option: string): number {
  if (!/^\d+$/.test(text)) {
    throw new CliArgumentError(`Option ${option} must be a whole number, got '${text}'.`);
  }

  return Number(text);
}

function parsePort(text: string): number {
  const port = parseInteger(text, '--port');

  if (port > MAX_PORT) {
    throw new CliArgumentError(`Option --port must be a port number from 0 to ${MAX_PORT}, got '${text}'.`);
  }

  return port;
}
