/**
 * Base class of every error this package throws. Branch on the subclasses, never on the message.
 * @public
 */
export class StoreError extends Error {
  override name = 'StoreError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
