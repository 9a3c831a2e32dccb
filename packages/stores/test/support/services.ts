import { describe, it } from 'vitest';

/** Variable that turns a missing service into a test failure instead of a skip. */
export const REQUIRE_SERVICES_VARIABLE = 'BVW_REQUIRE_SERVICES';

/**
 * Declares a suite that needs a real server whose address comes from environment variables.
 * When a variable is unset the suite is skipped with the reason in its name, unless
 * BVW_REQUIRE_SERVICES=1, where a test fails naming the missing variables.
 */
export function describeWithService(
  title: string,
  options: { variables: readonly string[]; script: string },
  body: (env: Record<string, string>) => void,
): void {
  const missing = options.variables.filter((name) => (process.env[name] ?? '') === '');
  if (missing.length === 0) {
    const env = Object.fromEntries(options.variables.map((name) => [name, process.env[name]!]));
    describe(title, () => body(env));
    return;
  }

  const reason = `${missing.join(', ')} not set; run eval "$(bash ${options.script} start)"`;
  if (process.env[REQUIRE_SERVICES_VARIABLE] === '1') {
    describe(title, () => {
      it('has its service running', () => {
        throw new Error(`${REQUIRE_SERVICES_VARIABLE}=1 but ${reason}`);
      });
    });
    return;
  }

  describe.skip(`${title} (skipped: ${reason})`, () => {
    it('needs its service', () => undefined);
  });
}
