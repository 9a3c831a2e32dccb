import { describe, expect, it } from 'vitest';

import { RuntimeCounters } from '../../src/application/runtime-counters';

describe(RuntimeCounters.name, () => {
  it('counts tasks, polls, slots and heartbeats per worker', () => {
    const counters = new RuntimeCounters();

    counters.onEvent({ type: 'poll-sent', workerName: 'a', pollsInFlight: 1 });
    counters.onEvent({ type: 'poll-sent', workerName: 'a', pollsInFlight: 2 });
    counters.onEvent({ type: 'poll-returned', workerName: 'a', result: 'empty', pollsInFlight: 1 });
    counters.onEvent({ type: 'poll-returned', workerName: 'a', result: 'error', errorCode: 'ThrottlingException', pollsInFlight: 0 });
    counters.onEvent({ type: 'slots-changed', workerName: 'a', inUse: 1, capacity: 4 });
    counters.onEvent({ type: 'task-started', workerName: 'a', taskId: 't1' });
    counters.onEvent({ type: 'task-finished', workerName: 'a', taskId: 't1', outcome: 'failed', errorCode: 'Sql.Timeout', durationMs: 30 });
    counters.onEvent({ type: 'task-finished', workerName: 'a', taskId: 't2', outcome: 'succeeded', durationMs: 10 });
    counters.onEvent({ type: 'heartbeat-failed', workerName: 'a', taskId: 't1', errorCode: 'TaskTimedOut', taskOver: true });
    counters.onEvent({ type: 'state-changed', from: 'created', to: 'starting' });

    expect(counters.snapshot()).toEqual({
      a: {
        tasksStarted: 1,
        tasksSucceeded: 1,
        tasksFailedByCode: { 'Sql.Timeout': 1 },
        tasksNotAnswered: 0,
        answersLost: 0,
        taskDurationMsTotal: 40,
        taskDurationMsMax: 30,
        pollsSent: 2,
        emptyPolls: 1,
        pollErrorsByCode: { ThrottlingException: 1 },
        pollsInFlight: 0,
        maxPollsInFlight: 2,
        slotsInUse: 1,
        slotCapacity: 4,
        heartbeatFailures: 1,
      },
    });
  });

  it('hands out copies', () => {
    const counters = new RuntimeCounters();
    counters.onEvent({ type: 'task-finished', workerName: 'a', taskId: 't1', outcome: 'failed', errorCode: 'X', durationMs: 1 });

    const snapshot = counters.snapshot();
    counters.onEvent({ type: 'task-finished', workerName: 'a', taskId: 't2', outcome: 'failed', errorCode: 'X', durationMs: 1 });

    expect(snapshot.a.tasksFailedByCode).toEqual({ X: 1 });
  });
});
