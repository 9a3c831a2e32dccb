/**
 * Loads aws-local-stepfunctions (MIT), the Amazon States Language
 * interpreter that runs executions. It is loaded on first use because it
 * pulls in the Lambda client, which activity-only users never need.
 */
export type Interpreter = typeof import('aws-local-stepfunctions', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Interpreter> | undefined;

/** Returns the interpreter module, loading it once. */
export function loadInterpreter(): Promise<Interpreter> {
  installPromiseWithResolvers();
  loading ??= import('aws-local-stepfunctions');

  return loading;
}

/**
 * Adds `Promise.withResolvers` where it is missing (Node 20): version 3.0.0
 * of the interpreter calls it in every Task state.
 */
function installPromiseWithResolvers(): void {
  const promiseConstructor = Promise as PromiseConstructor & { withResolvers?: unknown };

  if (typeof promiseConstructor.withResolvers === 'function') {
    return;
  }

  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((resolvePromise, rejectPromise) => {
        resolve = resolvePromise;
        reject = rejectPromise;
      });

      return { promise, resolve, reject };
    },
  });
}
