import type { StoreRegistry } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { HealthServer } from './health-server';
import type { Readiness } from './readiness';
import { WorkerMetrics } from './worker-metrics';

/**
 * Inputs of {@link createHealthServer} besides the configuration.
 *
 * @internal
 */
export interface CreateHealthServerOptions {
  readonly config: WorkerRuntimeConfig;
  readonly workers: ReadonlyArray<{ readonly name: string; readonly capacity: number }>;
  readonly stores: StoreRegistry;
  readonly readiness: () => Readiness;
  readonly logger: Logger;
}

/**
 * Creates the health and metrics server and its metrics when a port is
 * configured (`httpServer__port` or the `httpServer.port` option), else
 * returns undefined. Nothing listens until `start()`.
 *
 * @internal
 */
export function createHealthServer(options: CreateHealthServerOptions): { server: HealthServer; metrics: WorkerMetrics } | undefined {
  const { port, host } = options.config.httpServer;

  if (port === undefined) {
    return undefined;
  }

  const metrics = new WorkerMetrics({ workers: options.workers, stores: options.stores, readiness: options.readiness });
  const server = new HealthServer({ host, port, readiness: options.readiness, metrics, logger: options.logger });

  return { server, metrics };
}
