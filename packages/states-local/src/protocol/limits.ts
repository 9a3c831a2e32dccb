/**
 * Limits that Step Functions enforces on the activity API, from the
 * API reference and the service quotas page.
 *
 * @public
 */
export const Limits = {
  /** Maximum size of a task input or output, in bytes of UTF-8. */
  payloadBytes: 262_144,
  /** Maximum length of the `error` of SendTaskFailure, in characters. */
  errorLength: 256,
  /** Maximum length of the `cause` of SendTaskFailure, in characters. */
  causeLength: 32_768,
  /** Maximum length of a `workerName`, in characters. */
  workerNameLength: 80,
  /** Maximum length of a task token, in characters. */
  taskTokenLength: 2_048,
  /** Maximum length of an activity or state machine name, in characters. */
  nameLength: 80,
  /** Maximum length of an ARN, in characters. */
  arnLength: 256,
} as const;
