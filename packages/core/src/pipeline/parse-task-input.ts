import { maxInputNesting, nestsDeeperThan } from './json-nesting';

/** Result of reading a task's input: the value, or why it is invalid. @internal */
export type ParsedInput = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/**
 * Parses a task's input JSON. Drops every `__proto__` key, and every
 * `constructor` key whose value is an object, at any depth, so that code
 * merging the input into other objects cannot reach a prototype. A
 * `constructor` key holding a string or a number is kept as data.
 * Rejects input nested deeper than {@link maxInputNesting} levels, because
 * the recursive steps that follow would overflow the call stack.
 *
 * @internal
 */
export function parseTaskInput(rawInput: string): ParsedInput {
  if (nestsDeeperThan(rawInput, maxInputNesting)) {
    return {
      ok: false,
      problem:
        `The task input nests arrays or objects more than ${maxInputNesting} levels deep. ` +
        'Flatten it, or write the data to a file store and pass its file token.',
    };
  }

  try {
    return { ok: true, value: JSON.parse(rawInput, dropPrototypeKeys) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `The task input is not valid JSON: ${reason}` };
  }
}

function dropPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') {
    return undefined;
  }

  if (key === 'constructor' && value !== null && typeof value === 'object') {
    return undefined;
  }

  return value;
}
