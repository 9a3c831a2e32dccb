import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import { SFNClient } from '@aws-sdk/client-sfn';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';

/**
 * Sockets kept beyond two per slot, for CreateActivity and bursts of manual heartbeats.
 */
const SOCKET_HEADROOM = 16;

/**
 * One `SFNClient` with the HTTP agent it owns.
 *
 * @internal
 */
export interface StepFunctionsConnection {
  readonly client: SFNClient;
  /** Maximum number of sockets the agent opens to the endpoint. */
  readonly maxSockets: number;
  /** Destroys the client and closes every socket of the agent. */
  destroy(): void;
}

/**
 * Returns the socket pool size for workers whose slots add up to `totalConcurrency`.
 * A slot holds either one GetActivityTask or one running task, and a running
 * task sends at most an answer and a heartbeat at a time, so two sockets per
 * slot never queue a request behind another. Node's default pool of 50 would
 * queue the overflow without a word, delaying answers past their heartbeat.
 *
 * @internal
 */
export function socketPoolSize(totalConcurrency: number): number {
  return 2 * totalConcurrency + SOCKET_HEADROOM;
}

/**
 * Creates the application's single Step Functions client.
 *
 * - HTTP keep-alive agent sized by {@link socketPoolSize}, http or https after the endpoint.
 * - SDK retries off (`maxAttempts: 1`): the poller, the answer sender, the
 *   heartbeat scheduler and the registration each retry with their own backoff,
 *   so every retry is logged, stops at shutdown, and GetActivityTask is never
 *   sent again behind the poller's back once polling has stopped.
 * - Request timeouts are set per call by `SfnActivityApi`; the handler's
 *   default is the short one, and `throwOnRequestTimeout` turns a breach into
 *   an error instead of a warning.
 * - Static credentials when configured, otherwise the AWS default provider
 *   chain, which refreshes temporary credentials before they expire.
 *
 * @internal
 */
export function createStepFunctionsConnection(config: WorkerRuntimeConfig, totalConcurrency: number): StepFunctionsConnection {
  const maxSockets = socketPoolSize(totalConcurrency);
  const useHttps = config.serviceUrl === undefined || config.serviceUrl.startsWith('https:');
  const agentOptions = { keepAlive: true, maxSockets };
  const httpAgent = useHttps ? undefined : new HttpAgent(agentOptions);
  const httpsAgent = useHttps ? new HttpsAgent(agentOptions) : undefined;

  const requestHandler = new NodeHttpHandler({
    httpAgent,
    httpsAgent,
    connectionTimeout: config.requestTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    throwOnRequestTimeout: true,
  });

  const client = new SFNClient({
    region: config.region,
    endpoint: config.serviceUrl,
    credentials: config.credentials ?? fromNodeProviderChain(),
    maxAttempts: 1,
    requestHandler,
  });

  return {
    client,
    maxSockets,
    destroy: () => {
      client.destroy();
      httpAgent?.destroy();
      httpsAgent?.destroy();
    },
  };
}
