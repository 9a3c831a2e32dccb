import { inspect } from 'node:util';

import type { StoreDefinition } from '../config/store-definition';
import { StoreError } from '../errors/store-error';
import { describeError, silentLogger, type StoreLogger } from '../logging/store-logger';
import { StoreTypeRegistry } from '../types/store-type-registry';
import { buildEntries, type StoreDefinitionChanges } from './build-entries';
import type { StoreEntry } from './store-entry';
import { StoreGeneration } from './store-generation';
import { StoreHealthChecker, type StoreHealth } from './store-health-checker';
import { StoreLookup } from './store-lookup';
import { StoreSnapshot } from './store-snapshot';

/** Options of {@link StoreRegistry.create}. @public */
export interface StoreRegistryOptions {
  /** Definitions to build, typically from `loadStoreDefinitions()`. */
  definitions: readonly StoreDefinition[];

  /** Logger for skipped definitions, health checks and closing. @defaultValue no logging */
  logger?: StoreLogger;

  /** Store types to build with. @defaultValue `StoreTypeRegistry.withBuiltIns()` */
  types?: StoreTypeRegistry;
}

/**
 * The stores of an application, by name (case-insensitive). Stores are built when definitions
 * are applied and connect lazily. A definition that cannot be built is skipped with a warning and
 * reported by `get()` as unavailable; the other stores keep working.
 *
 * Definitions can change at run time with {@link StoreRegistry.applyDefinitions} (for example
 * when States sends new ones): unchanged stores are kept, changed ones are rebuilt. A task that
 * must keep the stores it started with takes a {@link StoreRegistry.snapshot} and releases it
 * when it ends; replaced stores are closed when no snapshot holds them any more.
 * @public
 */
export class StoreRegistry extends StoreLookup {
  private generation: StoreGeneration;
  private readonly liveEntries = new Set<StoreEntry>();
  private readonly healthChecker: StoreHealthChecker;
  private healthChecksRunning = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly types: StoreTypeRegistry,
    private readonly logger: StoreLogger,
  ) {
    super();
    this.generation = new StoreGeneration(new Map());
    this.healthChecker = new StoreHealthChecker(logger);
  }

  /** Builds the stores of the given definitions. Never connects. */
  static create(options: StoreRegistryOptions): StoreRegistry {
    const registry = new StoreRegistry(options.types ?? StoreTypeRegistry.withBuiltIns(), options.logger ?? silentLogger);
    const { entries } = buildEntries(options.definitions, {
      types: registry.types,
      logger: registry.logger,
      previous: new Map(),
    });
    registry.install(entries);

    // `stores` lists the usable stores only, so a store that failed to build appears once, in `failed`.
    const failed = registry.failures();
    const loaded = registry.names().filter((name) => !failed.has(name));
    registry.logger.info('Stores loaded', { stores: loaded, failed: [...failed.keys()] });
    return registry;
  }

  /** @internal */
  protected currentEntries(): ReadonlyMap<string, StoreEntry> {
    return this.generation.entries;
  }

  /**
   * Replaces the definitions. Stores whose type and config are unchanged are kept as they are;
   * others are built anew. Replaced and removed stores are closed once no snapshot uses them.
   * Resolves after the stores that nothing uses any more are closed.
   */
  async applyDefinitions(definitions: readonly StoreDefinition[]): Promise<StoreDefinitionChanges> {
    this.assertOpen();
    const { entries, changes } = buildEntries(definitions, {
      types: this.types,
      logger: this.logger,
      previous: this.generation.entries,
    });

    const previous = this.generation;
    this.install(entries);
    previous.current = false;
    if (this.healthChecksRunning) {
      this.healthChecker.schedule(entries.values());
    }

    this.logger.info('Store definitions applied', {
      added: changes.added,
      replaced: changes.replaced,
      removed: changes.removed,
      failed: [...changes.failed.keys()],
    });
    await this.releaseIfUnused(previous);
    return changes;
  }

  /**
   * Takes a snapshot of the current stores. Release it with `snapshot.release()` when the work
   * that uses it ends.
   */
  snapshot(): StoreSnapshot {
    this.assertOpen();
    return new StoreSnapshot(this.generation, (generation) => this.releaseIfUnused(generation));
  }

  /** Starts pinging the stores whose definition enables health checks. Idempotent. */
  startHealthChecks(): void {
    this.assertOpen();
    if (this.healthChecksRunning) {
      return;
    }
    this.healthChecksRunning = true;
    this.healthChecker.schedule(this.generation.entries.values());
  }

  /** Stops the health checks. */
  stopHealthChecks(): void {
    this.healthChecksRunning = false;
    this.healthChecker.stop();
  }

  /**
   * Runs the health checks of the named stores now instead of at their next interval (a check
   * already in progress is awaited, not repeated) and resolves with the health once they
   * completed. Names match case-insensitively. Only running checks are run: unknown names,
   * stores whose definition disables health checks, and every store before
   * {@link StoreRegistry.startHealthChecks} are skipped.
   * @param names - Stores to check. @defaultValue every store
   */
  async checkHealth(names?: readonly string[]): Promise<Map<string, StoreHealth>> {
    const selected = (names ?? this.names()).flatMap((name) => this.definition(name)?.name ?? []);
    await this.healthChecker.checkNow(selected);
    return this.health();
  }

  /** Health of the stores with health checks enabled, by store name. */
  health(): Map<string, StoreHealth> {
    return this.healthChecker.snapshot();
  }

  /**
   * Stops health checks and closes every store, including those held by snapshots. Idempotent:
   * later calls return the first call's promise. A store that fails to close is logged and does
   * not stop the others from closing.
   */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  override toString(): string {
    return `StoreRegistry(stores=${this.names().join(', ')})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  private install(entries: Map<string, StoreEntry>): void {
    for (const entry of entries.values()) {
      entry.references += 1;
      this.liveEntries.add(entry);
    }
    this.generation = new StoreGeneration(entries);
  }

  private async releaseIfUnused(generation: StoreGeneration): Promise<void> {
    if (!generation.unused || generation.released) {
      return;
    }
    generation.released = true;

    const closing: Promise<void>[] = [];
    for (const entry of generation.entries.values()) {
      entry.references -= 1;
      if (entry.references === 0) {
        this.liveEntries.delete(entry);
        closing.push(this.closeEntry(entry));
      }
    }
    await Promise.all(closing);
  }

  private async closeAll(): Promise<void> {
    this.stopHealthChecks();
    const entries = [...this.liveEntries];
    this.liveEntries.clear();
    await Promise.all(entries.map((entry) => this.closeEntry(entry)));
    this.logger.info('Stores closed', { count: entries.length });
  }

  private async closeEntry(entry: StoreEntry): Promise<void> {
    if (entry.store === undefined) {
      return;
    }
    try {
      await entry.store.close();
    } catch (error) {
      this.logger.error('Store close failed', { store: entry.definition.name, error: describeError(error) });
    }
  }

  private assertOpen(): void {
    if (this.closing !== undefined) {
      throw new StoreError('The store registry is closed: create a new one to use stores again.');
    }
  }
}
