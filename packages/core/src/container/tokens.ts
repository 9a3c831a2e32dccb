/**
 * Injection token of the application's winston logger.
 *
 * @example
 * ```ts
 * constructor(@Inject(WORKER_LOGGER) private readonly logger: Logger) {}
 * ```
 *
 * @public
 */
export const WORKER_LOGGER = 'bevault:logger';

/**
 * Injection token of the application's `WorkerRuntimeConfig`.
 *
 * @public
 */
export const WORKER_CONFIG = 'bevault:config';

/**
 * Injection token of the application's store registry, for stores chosen at
 * run time by name or file token. A parameter typed with the `StoreRegistry`
 * class needs no `@Inject`.
 *
 * @public
 */
export const STORE_REGISTRY = 'bevault:store-registry';
