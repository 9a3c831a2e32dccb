/**
 * Prefix of a Task state's `Resource` that names a worker instead of an
 * activity ARN: `"Resource": "activity:csv_to_table"` runs the worker declared
 * with `@Worker('csv_to_table')`.
 *
 * @public
 */
export const ACTIVITY_PLACEHOLDER_PREFIX = 'activity:';

/**
 * Parses a state machine definition given as an object or JSON text, and
 * replaces every `Resource` of the form `activity:<workerName>`, at any depth
 * (Parallel branches and Map processors included), with the ARN of that
 * worker's activity. Other resources, full ARNs included, are kept.
 *
 * @param arns - Activity ARN of each worker, by worker name.
 * @returns a new definition; the one given is not modified.
 * @throws TypeError when the JSON text is invalid, or a placeholder names no worker.
 * @public
 */
export function substituteActivityArns(definition: object | string, arns: ReadonlyMap<string, string>): object {
  let parsed: unknown;
  try {
    parsed = typeof definition === 'string' ? JSON.parse(definition) : JSON.parse(JSON.stringify(definition));
  } catch (error) {
    throw new TypeError(`The state machine definition is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('The state machine definition must be a JSON object with StartAt and States.');
  }

  replaceResources(parsed, '', arns);
  return parsed;
}

function replaceResources(value: unknown, path: string, arns: ReadonlyMap<string, string>): void {
  if (value === null || typeof value !== 'object') {
    return;
  }

  for (const [key, child] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`;

    if (key === 'Resource' && typeof child === 'string' && child.startsWith(ACTIVITY_PLACEHOLDER_PREFIX)) {
      (value as Record<string, unknown>)[key] = arnOf(child, childPath, arns);
    } else {
      replaceResources(child, childPath, arns);
    }
  }
}

function arnOf(resource: string, path: string, arns: ReadonlyMap<string, string>): string {
  const workerName = resource.slice(ACTIVITY_PLACEHOLDER_PREFIX.length);
  const arn = arns.get(workerName);

  if (arn === undefined) {
    const known = [...arns.keys()].map((name) => `'${name}'`).join(', ');
    throw new TypeError(
      `${path} is '${resource}', but no worker is named '${workerName}'. Workers: ${known}. ` +
        `Write "Resource": "${ACTIVITY_PLACEHOLDER_PREFIX}<name given to @Worker>", or add the worker to the workers option.`,
    );
  }

  return arn;
}
