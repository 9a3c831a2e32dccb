import { describe, expect, it } from 'vitest';
import { parseExampleArguments, UsageError } from '../src/cli/arguments';

describe('parseExampleArguments', () => {
  it('defaults to one execution of the top ten', () => {
    expect(parseExampleArguments([])).toEqual({ serve: false, run: false, compress: false, top: 10, warehouse: 'warehouse', help: false });
  });

  it('ignores the -- that pnpm passes through', () => {
    expect(parseExampleArguments(['--', '--serve']).serve).toBe(true);
  });

  it('reads every option', () => {
    expect(parseExampleArguments(['--run', '--compress', '--top', '5', '--warehouse', 'sqlite'])).toEqual({
      serve: false,
      run: true,
      compress: true,
      top: 5,
      warehouse: 'sqlite',
      help: false,
    });
  });

  it('rejects unknown options', () => {
    expect(() => parseExampleArguments(['--serv'])).toThrow(UsageError);
    expect(() => parseExampleArguments(['--serv'])).toThrow("Unknown option '--serv'");
  });

  it('rejects a top count out of range', () => {
    expect(() => parseExampleArguments(['--top', '0'])).toThrow('--top must be a whole number from 1 to 100, got "0"');
  });
});
