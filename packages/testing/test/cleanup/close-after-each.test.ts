import { describe, expect, it } from 'vitest';

import { closeAfterEach } from '../../src/index';

/** Captures the hook closeAfterEach registers, so the test can run it. */
function captureHook(): { afterEach: (hook: () => Promise<void>) => void; run: () => Promise<void> } {
  let registered: (() => Promise<void>) | undefined;

  return {
    afterEach: (hook) => {
      registered = hook;
    },
    run: () => registered!(),
  };
}

describe(closeAfterEach.name, () => {
  it('closes resources in reverse order once per test', async () => {
    const hook = captureHook();
    const closed: string[] = [];
    const closeLater = closeAfterEach(hook.afterEach);
    closeLater({ close: async () => void closed.push('app') });
    closeLater({ close: async () => void closed.push('environment') });

    await hook.run();
    await hook.run();

    expect(closed).toEqual(['environment', 'app']);
  });

  it('closes the others when one fails, then reports the failure', async () => {
    const hook = captureHook();
    const closed: string[] = [];
    const closeLater = closeAfterEach(hook.afterEach);
    closeLater({ close: async () => void closed.push('first') });
    closeLater({
      close: async () => {
        throw new Error('port still in use');
      },
    });

    const failure = await hook.run().catch((error: unknown) => error);

    expect(closed).toEqual(['first']);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).message).toBe('Closing 1 of 2 testing resources failed after the test.');
    expect((failure as AggregateError).errors.map((error: Error) => error.message)).toEqual(['port still in use']);
  });
});
