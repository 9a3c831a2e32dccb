import { ConfigurationError } from '../errors/configuration-error';
import type { ValueParser } from './value-parsers';

/** A raw setting and where it was found, such as `stepFunctions__awsRegion in /app/.env`. */
interface FoundValue {
  readonly raw: unknown;
  readonly origin: string;
  /** Name for {@link ConfigurationError.variable}: the variable, or `options.<name>`. */
  readonly variable: string;
}

/**
 * How one setting is read: its environment variable, the option that
 * overrides it, and its parser. A secret's value never appears in an error.
 *
 * @internal
 */
export interface SettingSpec<T> {
  readonly variable: string;
  readonly option?: { readonly name: string; readonly value: unknown };
  readonly parser: ValueParser<T>;
  readonly secret?: boolean;
}

const maxShownLength = 120;

/**
 * Looks settings up in the options, then the process environment, then the
 * `.env` file. Variable names match exactly first, then case-insensitively.
 * An empty value counts as unset.
 *
 * @internal
 */
export class ConfigurationSources {
  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly fileValues: Readonly<Record<string, string>>,
    private readonly filePath: string | undefined,
  ) {}

  /** Reads and parses one setting; undefined when it is set nowhere. */
  read<T>(spec: SettingSpec<T>): T | undefined {
    const found = this.find(spec);
    if (found === undefined) {
      return undefined;
    }

    const value = spec.parser.parse(found.raw);
    if (value === undefined) {
      const shown = spec.secret === true ? '(value hidden)' : showValue(found.raw);
      throw new ConfigurationError(found.variable, `Invalid ${found.origin}: ${shown}. Expected ${spec.parser.accepted}.`);
    }

    return value;
  }

  /** Tells where a setting was found, for messages about its value. */
  find(spec: Pick<SettingSpec<unknown>, 'variable' | 'option'>): FoundValue | undefined {
    if (spec.option !== undefined && spec.option.value !== undefined) {
      return { raw: spec.option.value, origin: `option ${spec.option.name}`, variable: `options.${spec.option.name}` };
    }

    const fromEnv = lookup(this.env, spec.variable);
    if (fromEnv !== undefined) {
      return { raw: fromEnv.value, origin: fromEnv.name, variable: spec.variable };
    }

    const fromFile = lookup(this.fileValues, spec.variable);
    if (fromFile !== undefined) {
      return { raw: fromFile.value, origin: `${fromFile.name} in ${this.filePath}`, variable: spec.variable };
    }

    return undefined;
  }
}

function lookup(values: Readonly<Record<string, string | undefined>>, variable: string): { name: string; value: string } | undefined {
  const exact = values[variable];
  if (exact !== undefined && exact.trim() !== '') {
    return { name: variable, value: exact };
  }

  const wanted = variable.toLowerCase();
  for (const [name, value] of Object.entries(values)) {
    if (name.toLowerCase() === wanted && value !== undefined && value.trim() !== '') {
      return { name, value };
    }
  }

  return undefined;
}

function showValue(raw: unknown): string {
  if (raw !== null && typeof raw === 'object') {
    return Array.isArray(raw) ? 'an array' : 'an object';
  }

  const text = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
  return text.length > maxShownLength ? `${text.slice(0, maxShownLength)}… (${text.length} characters)` : text;
}
