/**
 * Deepest nesting of arrays and objects a task input may have. Deeper input
 * would overflow the call stack of the recursive steps that follow (the
 * JSON reviver, class-transformer, class-validator, `JSON.stringify`). On
 * Node.js 20 with its default stack size, the reliability suite's typed
 * worker overflowed at 2,000 levels and its untyped worker at 3,000.
 *
 * @internal
 */
export const maxInputNesting = 512;

/**
 * Returns whether the arrays and objects of a JSON text nest deeper than
 * `limit`, without parsing it: one pass over the characters, skipping
 * strings, that stops at the first level over the limit. Text that is not
 * JSON gives an approximate result, and the parser reports it afterwards.
 *
 * @internal
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;

  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);

    if (inString) {
      if (char === 0x5c) {
        // A backslash escapes the next character, a quote included.
        index += 1;
      } else if (char === 0x22) {
        inString = false;
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;

      if (depth > limit) {
        return true;
      }
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }

  return false;
}
