import type { StoreLookup } from '@bevault-workers/stores';

import { getStoreRefs, type StoreRefMetadata } from '../decorators/store-ref.decorator';
import { maxInputNesting } from '../pipeline/json-nesting';

/**
 * Replaces, in a validated input instance and the instances nested in it, each
 * `@StoreRef` property's store name with the store, and each `@FileTokenRef`
 * property's token with `{ store, path, token }`. Arrays of names or tokens
 * (with `{ each: true }`) are resolved item by item, at any depth that a
 * task input may have. Properties left `undefined` or `null` are skipped.
 *
 * @returns one line per reference that could not be resolved, in the format of
 *   the validation problems; empty when every reference was resolved.
 * @internal
 */
export function resolveStoreRefs(input: unknown, stores: StoreLookup): string[] {
  const problems: string[] = [];
  visit(input, '', 0, new Set(), stores, problems);
  return problems;
}

function visit(value: unknown, path: string, depth: number, seen: Set<object>, stores: StoreLookup, problems: string[]): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) {
    return;
  }

  // Task input deeper than this is rejected before it is parsed, so only an object built
  // another way gets here. Its references are reported rather than handed over unresolved.
  if (depth > maxInputNesting) {
    problems.push(`- ${path}: nested deeper than ${maxInputNesting} levels, so its store references were not resolved (storeRef)`);
    return;
  }
  seen.add(value);

  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1, seen, stores, problems));
    return;
  }

  const prototype: unknown = Object.getPrototypeOf(value);
  const refs = prototype === null || prototype === Object.prototype ? [] : getStoreRefs(prototype as object);
  const record = value as Record<string, unknown>;

  for (const ref of refs) {
    const current = record[ref.property];
    if (current === undefined || current === null) {
      continue;
    }

    const refPath = join(path, ref.property);
    record[ref.property] = Array.isArray(current)
      ? current.map((item, index) => resolveOne(item, ref, `${refPath}[${index}]`, stores, problems))
      : resolveOne(current, ref, refPath, stores, problems);
  }

  const refProperties = new Set(refs.map((ref) => ref.property));
  for (const [key, child] of Object.entries(record)) {
    if (!refProperties.has(key)) {
      visit(child, join(path, key), depth + 1, seen, stores, problems);
    }
  }
}

function resolveOne(value: unknown, ref: StoreRefMetadata, path: string, stores: StoreLookup, problems: string[]): unknown {
  try {
    if (ref.resolve.kind === 'file-token') {
      return stores.resolveFileToken(String(value));
    }

    const name = String(value);
    switch (ref.resolve.storeKind) {
      case 'database':
        return stores.getDatabase(name);
      case 'file':
        return stores.getFileStore(name);
      default:
        return stores.get(name);
    }
  } catch (error) {
    const constraint = ref.resolve.kind === 'file-token' ? 'fileTokenRef' : 'storeRef';
    problems.push(`- ${path}: ${error instanceof Error ? error.message : String(error)} (${constraint})`);
    return value;
  }
}

function join(path: string, property: string): string {
  return path === '' ? property : `${path}.${property}`;
}
