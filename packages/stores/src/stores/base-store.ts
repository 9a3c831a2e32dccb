import { inspect } from 'node:util';

import { StoreConfigReader } from '../config/store-config-reader';
import { StoreOperationError } from '../errors/store-operation-error';
import { StoreError } from '../errors/store-error';
import type { StoreLogger } from '../logging/store-logger';
import { scrubError } from '../secrets/redaction';
import type { Store, StoreKind } from './store';
import type { StoreContext } from './store-context';

/**
 * Common part of the built-in stores: name and type, a shared `close()`, secret-free printing,
 * and wrapping of driver errors into {@link StoreOperationError} with secrets scrubbed.
 * @public
 */
export abstract class BaseStore implements Store {
  readonly name: string;
  readonly type: string;
  abstract readonly kind: StoreKind;

  protected readonly logger: StoreLogger;

  /** Reader over the definition's `Config`. */
  protected readonly settings: StoreConfigReader;

  private closing: Promise<void> | undefined;

  constructor(context: StoreContext) {
    this.name = context.name;
    this.type = context.type;
    this.logger = context.logger;
    this.settings = new StoreConfigReader(context.name, context.config);
  }

  abstract ping(): Promise<void>;

  /** Releases the store's connections. Called once by {@link BaseStore.close}. */
  protected abstract closeConnections(): Promise<void>;

  close(): Promise<void> {
    this.closing ??= this.closeConnections().catch((error: unknown) => {
      throw this.operationError('close', error);
    });
    return this.closing;
  }

  /** Whether `close()` was called. */
  protected get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** Throws when the store was closed, so a late operation does not reopen a connection. */
  protected assertOpen(operation: string): void {
    if (this.isClosed) {
      throw new StoreError(`Store '${this.name}' is closed: cannot ${operation}.`);
    }
  }

  /**
   * Wraps a driver error into a {@link StoreOperationError}, after removing the configuration's
   * secret values from its message and stack. Store errors pass through unchanged.
   */
  protected operationError(operation: string, error: unknown): Error {
    const scrubbed = scrubError(error, this.settings.secretValues());
    if (scrubbed instanceof StoreError) {
      return scrubbed;
    }
    return new StoreOperationError(this.name, operation, { cause: scrubbed });
  }

  toString(): string {
    return `${this.constructor.name}(name=${this.name}, type=${this.type})`;
  }

  toJSON(): Record<string, string> {
    return { name: this.name, type: this.type, kind: this.kind };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
