import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreEntry } from '@bevault-workers/testing';

/** A temporary folder with the example's three stores: a SQLite warehouse and two file stores. */
export interface TempStores {
  readonly directory: string;
  readonly entries: StoreEntry[];
  /** Deletes the folder. */
  remove(): void;
}

/** Creates a temporary folder and the store entries of the example app inside it. */
export function createTempStores(): TempStores {
  const directory = mkdtempSync(join(tmpdir(), 'bvw-example-'));
  return {
    directory,
    entries: [
      { Name: 'warehouse', Type: 'sqlite', Config: { Path: join(directory, 'warehouse.sqlite') } },
      { Name: 'landing', Type: 'file', Config: { BasePath: join(directory, 'landing') } },
      { Name: 'exports', Type: 'file', Config: { BasePath: join(directory, 'exports') } },
    ],
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
