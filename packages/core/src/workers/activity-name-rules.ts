/** Maximum length of an activity name that Step Functions accepts. */
export const maxActivityNameLength = 80;

/**
 * Characters Step Functions rejects in activity names: white space, brackets,
 * wildcards, `" # % \ ^ | ~ \` $ & , ; : /` and control characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are among those Step Functions rejects
const forbiddenCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Accepted form of an activity name, for error messages. */
export const activityNameRule =
  `1 to ${maxActivityNameLength} characters without white space, brackets, wildcards, control characters or any of " # % \\ ^ | ~ \` $ & , ; : /`;

/**
 * Tells whether `name` is a valid Step Functions activity name.
 *
 * @internal
 */
export function isValidActivityName(name: string): boolean {
  return name.length > 0 && name.length <= maxActivityNameLength && !forbiddenCharacters.test(name);
}
