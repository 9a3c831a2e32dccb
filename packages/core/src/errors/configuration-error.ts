/**
 * Thrown when a configuration value (an environment variable, a `.env` entry,
 * an option passed to `WorkerApplication.create()` or a `logging_config.json`
 * entry) is missing or invalid. Thrown before any poll starts.
 *
 * The message names the variable, the rejected value (never for a secret) and
 * the accepted form.
 *
 * @public
 */
export class ConfigurationError extends Error {
  override readonly name: string = 'ConfigurationError';

  /** Name of the environment variable, option or file key that holds the bad value. */
  readonly variable: string;

  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.variable = variable;
  }
}
