import type { StatesLocalLogger } from '../logging/logger';
import { buildArn, parseArn, type ArnScope } from '../protocol/arns';
import { checkResourceName } from '../protocol/names';
import { ServiceError } from '../protocol/service-error';
import { Activity } from './activity';
import { ActivityTask, type TaskListener } from './activity-task';
import { CounterSet, type ActivityCounters } from './counters';
import { HeldPoll } from './held-poll';
import { DEFAULT_TASK_TIMEOUT_SECONDS, type TaskOutcome, type TaskTimeouts } from './task-outcome';
import { checkTaskTokenShape, createTaskToken } from './task-tokens';

/** Settings of the activity service, already defaulted. */
export interface ActivityServiceSettings {
  scope: ArnScope;
  pollHoldMs: number;
  deliverToClosedPolls: boolean;
  logger: StatesLocalLogger;
}

/** Largest delay `setTimeout` accepts; longer timeouts never fire here. */
const MAX_TIMER_MS = 2_147_483_647;

/** How many ended task tokens are remembered so late calls get TaskTimedOut. */
const ENDED_TOKENS_KEPT = 100_000;

/**
 * Activities, their task queues and held polls. Each task is delivered to
 * exactly one poll and its token stays valid until the task ends.
 */
export class ActivityService {
  private readonly activities = new Map<string, Activity>();

  private readonly countersByArn = new Map<string, CounterSet>();

  private readonly totals = new CounterSet();

  private readonly liveTasks = new Map<string, ActivityTask>();

  private readonly endedTokens = new Set<string>();

  private nextTaskNumber = 1;

  constructor(private readonly settings: ActivityServiceSettings) {}

  activityArn(name: string): string {
    return buildArn(this.settings.scope, 'activity', name);
  }

  /** Creates the activity, or returns the existing one of that name. */
  createActivity(name: string): Activity {
    checkResourceName(name);

    const arn = this.activityArn(name);
    const existing = this.activities.get(arn);

    if (existing !== undefined) {
      return existing;
    }

    const activity = new Activity(name, arn, this.countersFor(arn));
    this.activities.set(arn, activity);
    this.settings.logger.info('Activity created', { activityArn: arn });

    return activity;
  }

  listActivities(): Activity[] {
    return [...this.activities.values()];
  }

  /** Finds an activity by ARN, throwing `InvalidArn` or `ActivityDoesNotExist`. */
  getActivity(arn: string, field = 'activityArn'): Activity {
    parseArn(arn, 'activity', field);

    const activity = this.activities.get(arn);

    if (activity === undefined) {
      throw new ServiceError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
    }

    return activity;
  }

  /** Finds an activity by name or ARN, for the in-process API. */
  resolveActivity(nameOrArn: string): Activity {
    const arn = nameOrArn.startsWith('arn:') ? nameOrArn : this.activityArn(nameOrArn);

    return this.getActivity(arn);
  }

  /** Deletes an activity: its pending and running tasks stop, its polls end empty. */
  deleteActivity(arn: string): void {
    parseArn(arn, 'activity', 'activityArn');

    const activity = this.activities.get(arn);

    if (activity === undefined) {
      return;
    }

    this.activities.delete(arn);

    for (const poll of activity.heldPolls.splice(0)) {
      this.endPollEmpty(activity, poll);
    }

    for (const task of [...this.liveTasks.values()]) {
      if (task.activityArn === arn) {
        this.endTask(task, { status: 'stopped' });
      }
    }

    this.settings.logger.info('Activity deleted', { activityArn: arn });
  }

  /**
   * Queues a task, delivering it at once to the oldest held poll if there
   * is one. `input` must be JSON text of at most 262,144 bytes.
   */
  enqueueTask(activity: Activity, input: string, timeouts: TaskTimeouts = {}, listener: TaskListener = {}): ActivityTask {
    const task = new ActivityTask(
      `task-${this.nextTaskNumber++}`,
      createTaskToken(),
      activity.arn,
      input,
      timeouts.heartbeatSeconds,
      listener,
    );

    this.liveTasks.set(task.token, task);
    this.count(activity, 'tasksEnqueued');
    this.count(activity, 'tasksPending');

    const timeoutMs = (timeouts.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS) * 1000;

    if (timeoutMs <= MAX_TIMER_MS) {
      task.timeoutTimer = setTimeout(() => this.timeOut(task, 'States.Timeout'), timeoutMs);
    }

    const poll = activity.takeHeldPoll();

    if (poll === undefined) {
      activity.pendingTasks.push(task);
    } else {
      this.deliver(activity, task, poll);
    }

    return task;
  }

  /**
   * Handles GetActivityTask: returns a pending task at once, or keeps the
   * poll waiting until a task arrives or the hold time ends. `onClientClose` lets
   * the server report a client that hung up.
   */
  poll(activityArn: string, workerName: string | undefined, onClientClose: (listener: () => void) => void): Promise<ActivityTask | undefined> {
    const activity = this.getActivity(activityArn);
    const poll = new HeldPoll(workerName);

    this.count(activity, 'pollsReceived');
    this.count(activity, 'pollsInFlight');

    // Registered first, so a client that hung up before this call is seen too.
    onClientClose(() => {
      poll.clientClosed = true;

      // With deliverToClosedPolls the poll stays in line, as on AWS, and the
      // task it may still take is counted as lost.
      if (!this.settings.deliverToClosedPolls) {
        this.endPollEmpty(activity, poll);
      }
    });

    if (poll.settled) {
      return poll.result;
    }

    const task = activity.pendingTasks.shift();

    if (task !== undefined) {
      this.deliver(activity, task, poll);

      return poll.result;
    }

    activity.heldPolls.push(poll);
    poll.holdTimer = setTimeout(() => this.endPollEmpty(activity, poll), this.settings.pollHoldMs);

    return poll.result;
  }

  /** Finds the live task of a token, with the errors AWS returns. */
  findTask(token: string): ActivityTask {
    checkTaskTokenShape(token);

    const task = this.liveTasks.get(token);

    if (task !== undefined) {
      return task;
    }

    if (this.endedTokens.has(token)) {
      throw new ServiceError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
    }

    throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist: Provided task does not exist');
  }

  succeed(task: ActivityTask, output: string): void {
    this.endTask(task, { status: 'succeeded', output });
  }

  fail(task: ActivityTask, error: string | undefined, cause: string | undefined): void {
    this.endTask(task, { status: 'failed', error, cause });
  }

  /** Records a heartbeat and restarts the heartbeat timer. */
  heartbeat(task: ActivityTask): void {
    const activity = this.activities.get(task.activityArn) ?? this.detachedActivity(task.activityArn);

    this.count(activity, 'heartbeatsReceived');

    if (task.state === 'running') {
      this.startHeartbeatTimer(task);
    }

    task.listener.onHeartbeat?.();
  }

  /** Ends a task with `stopped`, as StopExecution does; a no-op once it ended. */
  stopTask(task: ActivityTask): void {
    if (task.state !== 'ended') {
      this.endTask(task, { status: 'stopped' });
    }
  }

  counters(activityArn?: string): ActivityCounters {
    if (activityArn === undefined) {
      return this.totals.snapshot();
    }

    return this.countersFor(activityArn).snapshot();
  }

  /** Counts a request under its operation name, for the whole endpoint. */
  countRequest(operation: string): void {
    this.totals.countRequest(operation);
  }

  /** Counts a request under the activity it concerns. */
  countActivityRequest(operation: string, activityArn: string): void {
    this.countersFor(activityArn).countRequest(operation);
  }

  /** Ends every held poll empty and stops every live task. */
  shutdown(): void {
    for (const activity of this.activities.values()) {
      for (const poll of activity.heldPolls.splice(0)) {
        this.endPollEmpty(activity, poll);
      }
    }

    for (const task of [...this.liveTasks.values()]) {
      this.endTask(task, { status: 'stopped' });
    }
  }

  private deliver(activity: Activity, task: ActivityTask, poll: HeldPoll): void {
    task.state = 'running';
    this.count(activity, 'tasksPending', -1);
    this.count(activity, 'tasksRunning');
    this.count(activity, 'tasksDelivered');
    this.count(activity, 'pollsInFlight', -1);

    if (poll.clientClosed) {
      task.lost = true;
      this.count(activity, 'tasksLost');
      this.settings.logger.warn('Task delivered to a poll whose client closed the connection', {
        activityArn: activity.arn,
        taskId: task.id,
        workerName: poll.workerName,
      });
    } else {
      this.settings.logger.debug('Task delivered', { activityArn: activity.arn, taskId: task.id, workerName: poll.workerName });
    }

    this.startHeartbeatTimer(task);
    task.listener.onStarted?.(poll.workerName);
    poll.settle(task);
  }

  private endPollEmpty(activity: Activity, poll: HeldPoll): void {
    if (poll.settled) {
      return;
    }

    activity.removeHeldPoll(poll);
    this.count(activity, 'pollsInFlight', -1);
    this.count(activity, 'emptyPolls');
    poll.settle(undefined);
  }

  private startHeartbeatTimer(task: ActivityTask): void {
    if (task.heartbeatSeconds === undefined) {
      return;
    }

    clearTimeout(task.heartbeatTimer);

    const heartbeatMs = task.heartbeatSeconds * 1000;

    if (heartbeatMs <= MAX_TIMER_MS) {
      task.heartbeatTimer = setTimeout(() => this.timeOut(task, 'States.HeartbeatTimeout'), heartbeatMs);
    }
  }

  private timeOut(task: ActivityTask, error: 'States.Timeout' | 'States.HeartbeatTimeout'): void {
    this.settings.logger.info('Task timed out', { activityArn: task.activityArn, taskId: task.id, error });
    this.endTask(task, { status: 'timed-out', error });
  }

  private endTask(task: ActivityTask, outcome: TaskOutcome): void {
    if (task.state === 'ended') {
      return;
    }

    const activity = this.activities.get(task.activityArn) ?? this.detachedActivity(task.activityArn);

    if (task.state === 'pending') {
      activity.removePendingTask(task);
      this.count(activity, 'tasksPending', -1);
    } else {
      this.count(activity, 'tasksRunning', -1);
    }

    if (outcome.status === 'succeeded') {
      this.count(activity, 'tasksSucceeded');
    } else if (outcome.status === 'failed') {
      this.count(activity, 'tasksFailed');
    } else if (outcome.status === 'timed-out') {
      this.count(activity, 'tasksTimedOut');
    }

    this.liveTasks.delete(task.token);
    this.rememberEndedToken(task.token);
    task.settle(outcome);
  }

  private rememberEndedToken(token: string): void {
    this.endedTokens.add(token);

    if (this.endedTokens.size > ENDED_TOKENS_KEPT) {
      const oldest = this.endedTokens.values().next().value;

      if (oldest !== undefined) {
        this.endedTokens.delete(oldest);
      }
    }
  }

  /** Stands in for a deleted activity so its counters still move. */
  private detachedActivity(arn: string): Activity {
    return new Activity(arn.slice(arn.lastIndexOf(':') + 1), arn, this.countersFor(arn));
  }

  private count(activity: Activity, counter: Parameters<CounterSet['add']>[0], delta = 1): void {
    activity.counters.add(counter, delta);
    this.totals.add(counter, delta);
  }

  private countersFor(arn: string): CounterSet {
    let counters = this.countersByArn.get(arn);

    if (counters === undefined) {
      counters = new CounterSet();
      this.countersByArn.set(arn, counters);
    }

    return counters;
  }
}
