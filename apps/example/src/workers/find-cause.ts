/**
 * Returns the first error in `error`'s `cause` chain (itself included) that is
 * an instance of one of `classes`, or undefined. Stores may wrap an error thrown
 * by the rows they insert, so the CSV error can sit below a store error.
 */
export function findCause<T extends Error>(error: unknown, classes: readonly (abstract new (...args: never[]) => T)[]): T | undefined {
  let current: unknown = error;

  for (let depth = 0; current instanceof Error && depth < 10; depth += 1) {
    if (classes.some((errorClass) => current instanceof errorClass)) {
      return current as T;
    }
    current = current.cause;
  }
  return undefined;
}
