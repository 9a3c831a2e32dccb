import { setTimeout as sleep } from 'node:timers/promises';

import type { FaultKind } from '@bevault-workers/states-local';

import type { ChildExit } from '../child/child-app';
import { waitFor, within } from '../child/wait-for';
import type { Harness } from '../harness/harness';
import { SteadyLoad, type LoadTask } from '../load/steady-load';
import { RequestRateSampler, type RequestRateSample } from '../metrics/request-rate';

/** Options of {@link runEndpointFaults}. */
export interface EndpointFaultsOptions {
  /** Length of the phase with random faults, in milliseconds. */
  readonly faultsMs: number;
  /** Share of calls that get a fault, 0 to 1. @defaultValue 0.2 */
  readonly faultShare?: number;
  /** Delay of the latency fault, in milliseconds. @defaultValue 5000 */
  readonly latencyMs?: number;
  /** Length of the total outage, in milliseconds. @defaultValue 4000 */
  readonly outageMs?: number;
}

/** Tasks that ended in one second of the fault phase. */
export interface ThroughputSample {
  readonly atMs: number;
  readonly ended: number;
}

/** Observations of the fault, outage and recovery phases. */
export interface EndpointFaultsReport {
  /** Tasks ended per second during the random faults. */
  readonly throughput: ThroughputSample[];
  /** Tasks ended during the random faults. */
  readonly endedDuringFaults: number;
  /** Requests per second during the outage. */
  readonly outageRates: RequestRateSample[];
  /** Requests per second before the faults, with the endpoint healthy. */
  readonly healthyRates: RequestRateSample[];
  /** From the end of the outage to the first task answered, in milliseconds. */
  readonly recoveryMs: number;
  /** Whether the application still ran when the faults ended. */
  readonly aliveAfterFaults: boolean;
  readonly uncaughtErrors: number;
  readonly exit: ChildExit;
  readonly outcomes: Record<string, number>;
  readonly tasksLost: number;
  readonly enqueued: number;
  readonly ended: number;
}

const faultKinds: readonly FaultKind[] = ['internal-failure', 'throttling', 'connection-reset', 'latency'];

function faultLoadTask(index: number): LoadTask {
  if (index % 4 === 0) {
    return { activity: 'rel_ledger', input: { ledger: 'ledger', value: `fault ${index}` } };
  }

  return { activity: 'rel_echo', input: { ms: (index % 3) * 40, value: index } };
}

/**
 * Attacks a running application through Local States' fault injection:
 * 500s, throttling, connection resets and long latency on a random share of
 * all calls, then a total outage (every call fails), then a healthy endpoint
 * again. Records the throughput under faults, the request rate during the
 * outage and the time to the first answer after it.
 */
export async function runEndpointFaults(harness: Harness, options: EndpointFaultsOptions): Promise<EndpointFaultsReport> {
  const { states } = harness;
  const child = harness.startApp({ label: 'faults' });
  await child.waitUntilRunning();
  const load = new SteadyLoad({ states, outstanding: 8, nextTask: faultLoadTask });
  load.start();

  const healthy = new RequestRateSampler(states);
  healthy.start();
  await sleep(2_000);
  healthy.stop();

  // Each kind draws on its own; together they hit `faultShare` of the calls.
  const perKind = 1 - (1 - (options.faultShare ?? 0.2)) ** (1 / faultKinds.length);
  for (const kind of faultKinds) {
    states.faults.add({ kind, probability: perKind, ...(kind === 'latency' ? { latencyMs: options.latencyMs ?? 5_000 } : {}) });
  }

  const throughput: ThroughputSample[] = [];
  const endedBefore = load.ended;
  const faultsStartedAt = Date.now();
  while (Date.now() - faultsStartedAt < options.faultsMs) {
    const before = load.ended;
    await sleep(1_000);
    throughput.push({ atMs: Date.now() - faultsStartedAt, ended: load.ended - before });
  }
  const endedDuringFaults = load.ended - endedBefore;

  states.faults.clear();
  states.faults.add({ kind: 'internal-failure' });
  const outage = new RequestRateSampler(states);
  outage.start();
  await sleep(options.outageMs ?? 4_000);
  outage.stop();
  states.faults.clear();

  const recoveredFrom = Date.now();
  load.stop();
  const marker = states.enqueueTask('rel_echo', { value: 'after the outage' });
  await within(marker.outcome, 'the first task after the outage', 60_000);
  const recoveryMs = Date.now() - recoveredFrom;
  const aliveAfterFaults = child.exitStatus === undefined;

  // Let the load's last tasks end before the shutdown, so that their outcomes count.
  await waitFor(() => load.ended === load.enqueued, "the load's last tasks ended", 60_000);
  child.signal('SIGTERM');
  const exit = await child.exited;

  return {
    throughput,
    endedDuringFaults,
    outageRates: outage.samples,
    healthyRates: healthy.samples,
    recoveryMs,
    aliveAfterFaults,
    uncaughtErrors: child.uncaughtErrors.length,
    exit,
    outcomes: load.outcomes(),
    tasksLost: states.counters().tasksLost,
    enqueued: load.enqueued,
    ended: load.ended,
  };
}
