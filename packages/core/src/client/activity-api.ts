/**
 * The Step Functions activity calls the runtime makes. The SDK-backed
 * implementation is {@link SfnActivityApi}; unit tests of the poller and the
 * heartbeat scheduler put a scripted one in its place.
 *
 * Every method rejects with the error of the call as the SDK raised it; callers
 * classify it with `describeServiceError`.
 *
 * @internal
 */
export interface ActivityApi {
  /** CreateActivity; returns the activity ARN (the existing one when the name is taken). */
  createActivity(name: string, signal?: AbortSignal): Promise<string>;

  /**
   * GetActivityTask, held by the service until a task arrives or the hold ends.
   * Resolves with undefined when the reply carries no task token.
   */
  getActivityTask(activityArn: string, workerName: string, signal?: AbortSignal): Promise<ActivityTask | undefined>;

  sendTaskSuccess(taskToken: string, output: string): Promise<void>;

  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;

  sendTaskHeartbeat(taskToken: string): Promise<void>;
}

/**
 * A task received from GetActivityTask.
 *
 * @internal
 */
export interface ActivityTask {
  readonly taskToken: string;
  /** Input exactly as the service sent it; `{}` when the reply had none. */
  readonly input: string;
}
