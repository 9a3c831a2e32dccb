import { createHash } from 'node:crypto';

import type { StoreDefinition } from '../config/store-definition';
import type { Store } from '../stores/store';
import { stableSerialize } from './stable-serialize';

/**
 * One defined store in a registry: the built store, or the reason it could not be built.
 * Generations of the registry hold references to entries; the store is closed when the last
 * generation holding it is released.
 * @internal
 */
export class StoreEntry {
  /** Lower-case name, the lookup key. */
  readonly key: string;

  /** Hash of the type and config, to reuse the entry when a new definition is the same. */
  readonly fingerprint: string;

  /** Number of live generations holding this entry. */
  references = 0;

  constructor(
    public definition: StoreDefinition,
    readonly store: Store | undefined,
    readonly failure: { reason: string; error: unknown } | undefined,
  ) {
    this.key = definition.name.toLowerCase();
    this.fingerprint = fingerprintOf(definition);
  }
}

/**
 * Hashes what requires a rebuild when it changes: the type and the config. Hashed so the secrets
 * of the config never sit in memory as plain text outside the config itself.
 * @internal
 */
export function fingerprintOf(definition: StoreDefinition): string {
  const serialized = stableSerialize({ type: definition.type.toLowerCase(), config: definition.config, invalid: definition.invalidReason });
  return createHash('sha256').update(serialized).digest('hex');
}
