import { describe, expect, it } from 'vitest';

import { parseBenchArguments } from '../src/cli/arguments';

describe(parseBenchArguments.name, () => {
  it('reads --quick and --only', () => {
    const parsed = parseBenchArguments(['--quick', '--only', 'throughput']);

    expect(parsed.quick).toBe(true);
    expect(parsed.only).toEqual(['throughput']);
  });

  it('skips the -- that pnpm passes before script options', () => {
    const parsed = parseBenchArguments(['--', '--quick']);

    expect(parsed.quick).toBe(true);
  });

  it('rejects a positional argument', () => {
    expect(() => parseBenchArguments(['throughput'])).toThrow(/Unexpected argument 'throughput'/);
  });
});
