import type { ValidationError } from 'class-validator';

/**
 * Lists each failed constraint of a class-validator result on its own line,
 * as `- <property path>: <message> (<constraint>)`. Nested properties are
 * joined with dots and array items shown as `[index]`, for example
 * `- rows[2].amount: amount must be a positive number (isPositive)`.
 *
 * @internal
 */
export function formatValidationErrors(errors: readonly ValidationError[]): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    collect(error, '', lines);
  }

  return lines;
}

function collect(error: ValidationError, parentPath: string, lines: string[]): void {
  const path = joinPath(parentPath, error.property);

  for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
    lines.push(`- ${path}: ${message} (${constraint})`);
  }

  for (const child of error.children ?? []) {
    collect(child, path, lines);
  }
}

function joinPath(parentPath: string, property: string): string {
  if (parentPath === '') {
    return property;
  }

  return /^\d+$/.test(property) ? `${parentPath}[${property}]` : `${parentPath}.${property}`;
}
