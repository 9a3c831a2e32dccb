import { ChildProcessClient, childEntry } from '../process/child-process-client';
import type { ClientCommands, ClientSpec } from './client-commands';

/**
 * Forks a client process, starts `spec` in it and resolves once it polls.
 * `nodeOptions` are passed to Node, such as `--expose-gc` for memory figures.
 */
export async function startClientProcess(spec: ClientSpec, nodeOptions: readonly string[] = []): Promise<ChildProcessClient<ClientCommands>> {
  const client = ChildProcessClient.fork<ClientCommands>(childEntry(__dirname, 'client-process'), { name: `${spec.variant} client`, nodeOptions });

  try {
    await client.request('start', spec);
  } catch (error) {
    await client.close();
    throw error;
  }

  return client;
}
