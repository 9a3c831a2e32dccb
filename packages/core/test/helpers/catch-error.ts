import { expect } from 'vitest';

/** Runs `run`, checks that it throws an instance of `errorClass`, and returns the error. */
export function catchError<T extends Error>(run: () => unknown, errorClass: abstract new (...args: never[]) => T): T {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(errorClass);
    return error as T;
  }

  throw new Error(`expected ${errorClass.name} to be thrown`);
}
