/**
 * A class that can be instantiated with `new`.
 *
 * @public
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T = unknown> = new (...args: any[]) => T;
