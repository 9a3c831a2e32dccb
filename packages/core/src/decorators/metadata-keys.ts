/**
 * Reflect metadata keys written by the decorators. They are plain strings, not
 * symbols, so that classes decorated through a second copy of this package (a
 * built copy next to the sources, for example) are still recognised.
 *
 * @internal
 */
export const metadataKeys = {
  worker: 'bevault:worker',
  input: 'bevault:input',
  injectStore: 'bevault:inject-store',
  storeRefs: 'bevault:store-refs',
  injectable: 'bevault:injectable',
} as const;
