import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { activityNameRule, isValidActivityName } from './activity-name-rules';

/**
 * Builds the name of the activity a worker polls: the worker name prefixed
 * with the environment name and the separator (`dev_csv_import`), or the worker
 * name alone when the environment name is empty.
 *
 * @throws TypeError when the prefixed name is longer than Step Functions accepts.
 * @internal
 */
export function activityNameFor(workerName: string, config: Pick<WorkerRuntimeConfig, 'environmentName' | 'activityNameSeparator'>): string {
  const name = config.environmentName === '' ? workerName : `${config.environmentName}${config.activityNameSeparator}${workerName}`;

  if (!isValidActivityName(name)) {
    throw new TypeError(
      `Activity name "${name}" of worker '${workerName}' is invalid: an activity name is ${activityNameRule}. ` +
        'Shorten the worker name or stepFunctions__EnvironmentName.',
    );
  }

  return name;
}
