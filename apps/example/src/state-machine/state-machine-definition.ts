import definitionTemplate from './airports-per-state.asl.json';

/** Name of the state machine the example creates (or updates) in the service. */
export const STATE_MACHINE_NAME = 'airports-per-state';

/** Worker names whose activity ARNs the definition refers to as `${name}`. */
export const ACTIVITY_PLACEHOLDERS = ['csv_to_table', 'sql_query', 'query_to_csv', 'gzip'] as const;

/** Worker name of each `${...}` placeholder of the definition. */
export type ActivityPlaceholder = (typeof ACTIVITY_PLACEHOLDERS)[number];

/** Thrown when the definition refers to a worker whose activity ARN was not given. */
export class MissingActivityError extends Error {
  override readonly name = 'MissingActivityError';
}

/**
 * Returns the Amazon States Language definition of the airports workflow as
 * JSON text, with each `${worker_name}` placeholder of a task's `Resource`
 * replaced by the ARN of that worker's activity, in the way CloudFormation's
 * `DefinitionSubstitutions` does.
 *
 * @throws {@link MissingActivityError} when a placeholder has no ARN in `activityArns`.
 */
export function renderStateMachineDefinition(activityArns: Readonly<Record<string, string>>): string {
  const template = JSON.stringify(definitionTemplate, null, 2);

  return template.replace(/\$\{([A-Za-z0-9_-]+)\}/g, (_placeholder, workerName: string) => {
    const arn = activityArns[workerName];
    if (arn === undefined) {
      throw new MissingActivityError(`The state machine uses worker ${workerName}, but the app registered no activity for it. Registered: ${Object.keys(activityArns).join(', ')}`);
    }
    return arn;
  });
}
