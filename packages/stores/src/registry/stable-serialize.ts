/**
 * Serializes a JSON-like value with sorted keys and without calling `toJSON`, so two configs with
 * the same settings (secrets included) give the same text. Used to tell whether a definition
 * changed.
 * @internal
 */
export function stableSerialize(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableSerialize).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    const fields = keys.map((key) => `${JSON.stringify(key)}:${stableSerialize((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
