import type { LoadTask } from '../load/steady-load';
import { SteadyLoad } from '../load/steady-load';
import { waitFor } from '../child/wait-for';
import type { ChildExit, LogLine } from '../child/child-app';
import type { Harness } from '../harness/harness';

/** Options of {@link runShutdownRounds}. */
export interface ShutdownRoundsOptions {
  /** Number of deploy rounds: start an application, load it, SIGTERM it. */
  readonly rounds: number;
  /** Rounds whose number (1-based) is a multiple of this one get a second SIGTERM. @defaultValue 3 */
  readonly secondSignalEvery?: number;
  /** Time each application runs under load before its SIGTERM, in milliseconds. @defaultValue 1500 */
  readonly loadMs?: number;
  /** Tasks kept outstanding at Local States. @defaultValue 10 */
  readonly outstanding?: number;
}

/** Observations of one deploy round. */
export interface ShutdownRound {
  readonly round: number;
  readonly secondSignal: boolean;
  readonly exit: ChildExit;
  /** From SIGTERM to the exit, in milliseconds. */
  readonly shutdownMs: number;
  /** `runningTasks` and `pollsInFlight` of the application's `Shutdown started` line. */
  readonly runningAtSignal: number;
  readonly pollsAtSignal: number;
  /** Local States gauges right after the exit. */
  readonly tasksRunningAfterExit: number;
  readonly tasksLostSoFar: number;
  /** Tasks a poll took that the load has not seen end, right after the exit. */
  readonly deliveredNotEnded: number;
}

/** Observations of a series of rounds, and the outcome of every task. */
export interface ShutdownRoundsReport {
  readonly rounds: ShutdownRound[];
  /** Task outcomes keyed `activity status[ error]`. */
  readonly outcomes: Record<string, number>;
  readonly enqueued: number;
  readonly ended: number;
  readonly tasksLost: number;
}

/** Durations of the load's echo tasks, in milliseconds: some end within a 1 s grace period, some do not. */
const echoDurationsMs = [0, 50, 200, 600, 900, 1_400, 2_500];

/**
 * Builds task `index` of a rolling deploy's load: mostly `rel_echo` tasks of
 * various lengths, half of them honouring their signal, and a SQL task now
 * and then.
 */
function deployLoadTask(index: number): LoadTask {
  if (index % 5 === 0) {
    return { activity: 'rel_ledger', input: { ledger: 'ledger', value: `row ${index}` } };
  }

  return {
    activity: 'rel_echo',
    input: { ms: echoDurationsMs[index % echoDurationsMs.length], honourSignal: index % 2 === 0, value: index },
  };
}

/**
 * Simulates rolling deploys under steady load: each round starts the
 * application in a child process, gives it one stubborn task that only a
 * shutdown ends, lets it work, and sends SIGTERM while tasks run and polls
 * are in flight. Right after the signal, tasks go to the activities whose
 * polls are held, so a returning poll brings them during the shutdown. Every `secondSignalEvery`-th round sends a second SIGTERM, after
 * stopping the load, because a task handed to a poll the immediate stop
 * aborted is lost by design. Tasks left queued pass to the next round's
 * application; a last application drains them.
 */
export async function runShutdownRounds(harness: Harness, options: ShutdownRoundsOptions): Promise<ShutdownRoundsReport> {
  const { states } = harness;
  const load = new SteadyLoad({ states, outstanding: options.outstanding ?? 10, nextTask: deployLoadTask });
  const rounds: ShutdownRound[] = [];

  for (let round = 1; round <= options.rounds; round += 1) {
    const secondSignal = round % (options.secondSignalEvery ?? 3) === 0;
    const child = harness.startApp({ label: `deploy-${round}` });
    await child.waitUntilRunning();
    load.add({ activity: 'rel_stubborn', input: {} });
    load.start();

    await new Promise((resolve) => setTimeout(resolve, options.loadMs ?? 1_500));
    await waitFor(() => states.counters().tasksRunning >= 2 && states.counters().pollsInFlight >= 1, 'tasks running and polls in flight');

    const signalledAt = Date.now();
    child.signal('SIGTERM');
    load.add({ activity: 'rel_typed', input: { name: `late ${round}`, count: round } });
    load.add({ activity: 'rel_behaviour', input: { behaviour: 'return-input' } });
    const started = await child.waitForLine((line) => line.message === 'Shutdown started; polling stopped', 'the shutdown started');

    if (secondSignal) {
      load.stop();
      child.signal('SIGTERM');
    }

    const exit = await child.exited;
    const shutdownMs = Date.now() - signalledAt;
    // Outcome promises settle on the next turns of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    const counters = states.counters();

    rounds.push({
      round,
      secondSignal,
      exit,
      shutdownMs,
      runningAtSignal: numberField(started, 'runningTasks'),
      pollsAtSignal: numberField(started, 'pollsInFlight'),
      tasksRunningAfterExit: counters.tasksRunning,
      tasksLostSoFar: counters.tasksLost,
      deliveredNotEnded: load.deliveredAndNotEnded(),
    });
  }

  await drain(harness, load);

  return { rounds, outcomes: load.outcomes(), enqueued: load.enqueued, ended: load.ended, tasksLost: states.counters().tasksLost };
}

/** Runs one more application until every queued task was taken and every one but a stubborn task ended, then stops it. */
async function drain(harness: Harness, load: SteadyLoad): Promise<void> {
  load.stop();
  const child = harness.startApp({ label: 'deploy-drain' });
  await child.waitUntilRunning();
  await waitFor(() => load.notDelivered() === 0 && load.deliveredAndNotEnded('rel_stubborn') === 0, 'the queued tasks were taken and answered', 30_000);
  child.signal('SIGTERM');
  await child.exited;
  await waitFor(() => load.ended === load.enqueued, 'every task ended', 5_000);
}

function numberField(line: LogLine, field: string): number {
  return Number(line[field]);
}
