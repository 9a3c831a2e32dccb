/**
 * Describes a value for an error message without printing its content: its
 * type, and the name of a function or class.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }

  if (typeof value === 'function') {
    const name = value.name === '' ? '(anonymous)' : value.name;
    return isClass(value) ? `class ${name}` : `function ${name}`;
  }

  if (Array.isArray(value)) {
    return 'an array';
  }

  if (typeof value === 'object') {
    return 'an object';
  }

  return typeof value;
}

/**
 * Tells whether a value can be called with `new`: a class or a classic
 * function, but not an arrow function, a bound function or a method.
 *
 * @internal
 */
export function isClass(value: unknown): value is new (...args: never[]) => unknown {
  return typeof value === 'function' && value.prototype !== undefined && value.prototype.constructor === value;
}
