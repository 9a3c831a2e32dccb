import type { InjectionToken } from 'tsyringe';

import type { Constructor } from '../workers/constructor';

/**
 * Something the application container can provide: a class (registered as a
 * singleton under itself), or an object naming a token and how to build its
 * value. Class and factory providers are singletons of the application, like
 * NestJS providers.
 *
 * @example
 * ```ts
 * providers: [
 *   CsvParser,
 *   { provide: 'clock', useValue: systemClock },
 *   { provide: Mailer, useClass: SmtpMailer },
 *   { provide: 'limits', useFactory: (config: WorkerRuntimeConfig) => limitsFor(config), inject: [WORKER_CONFIG] },
 *   { provide: 'mailer', useExisting: Mailer },
 * ]
 * ```
 *
 * @public
 */
export type Provider =
  | Constructor
  | ValueProvider
  | ClassProvider
  | FactoryProvider
  | ExistingProvider;

/** @public */
export interface ValueProvider {
  readonly provide: InjectionToken;
  readonly useValue: unknown;
}

/** @public */
export interface ClassProvider {
  readonly provide: InjectionToken;
  readonly useClass: Constructor;
}

/** @public */
export interface FactoryProvider {
  readonly provide: InjectionToken;
  /** Called once, with the values of the `inject` tokens, the first time the token is resolved. */
  readonly useFactory: (...dependencies: never[]) => unknown;
  /** Tokens whose values are passed to `useFactory`, in order. @defaultValue [] */
  readonly inject?: readonly InjectionToken[];
}

/** Makes a token an alias of another one. @public */
export interface ExistingProvider {
  readonly provide: InjectionToken;
  readonly useExisting: InjectionToken;
}
