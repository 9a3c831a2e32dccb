import { EXIT_COMMAND, type CommandRequest, type CommandResponse, type CommandTable } from './command-protocol';

/**
 * Serves `commands` to the parent over the IPC channel of a forked process.
 * The built-in `exit` command runs `onExit`, replies and ends the process.
 *
 * @throws Error when the process was not forked with an IPC channel.
 */
export function serveCommands(commands: CommandTable, onExit: () => Promise<void> | void = () => undefined): void {
  const send = process.send?.bind(process);

  if (send === undefined) {
    throw new Error('A benchmark child must be started by the runner with fork(), which opens the IPC channel; it was started without one.');
  }

  const reply = (response: CommandResponse) => new Promise<void>((resolve) => send(response, undefined, {}, () => resolve()));

  process.on('message', (message: CommandRequest) => {
    void (async () => {
      try {
        const value = message.command === EXIT_COMMAND ? await onExit() : await runCommand(commands, message);
        await reply({ kind: 'response', id: message.id, ok: true, value });
      } catch (error) {
        const { name, message: text, stack } = error instanceof Error ? error : new Error(String(error));
        await reply({ kind: 'response', id: message.id, ok: false, error: { name, message: text, stack } });
      }

      if (message.command === EXIT_COMMAND) {
        process.exit(0);
      }
    })();
  });
}

function runCommand(commands: CommandTable, request: CommandRequest): unknown {
  const handler = commands[request.command];

  if (handler === undefined) {
    throw new Error(`Unknown benchmark command '${request.command}'; this process serves ${Object.keys(commands).join(', ')}.`);
  }

  return (handler as (argument: unknown) => unknown)(request.argument);
}
