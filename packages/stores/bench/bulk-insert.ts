/**
 * Measures `bulkInsert` of 100,000 rows (an integer key, a 40-character text, a decimal and a
 * timestamp) into each database store that can run here: SQLite always, PostgreSQL and MariaDB
 * when BVW_TEST_POSTGRES_URL and BVW_TEST_MYSQL_URL are set (see .ci/services).
 *
 * Run after `pnpm build`:  pnpm --filter @bevault-workers/stores bench:bulk-insert
 * Option (environment): BVW_BENCH_ROWS (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { normalizeStoreDefinition, StoreRegistry } from '@bevault-workers/stores';

const rowCount = Number(process.env.BVW_BENCH_ROWS ?? 100_000);
const table = `bench_bulk_${process.pid}`;

async function* rows(): AsyncGenerator<Record<string, unknown>> {
  const at = new Date('2024-01-01T00:00:00Z');
  for (let id = 0; id < rowCount; id++) {
    yield { id, label: `row ${id} `.padEnd(40, 'x'), amount: id / 100, created_at: at };
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bvw-bench-bulk-'));
  const raw: unknown[] = [{ Name: 'sqlite', Type: 'sqlite', Config: { Path: join(root, 'bench.db') } }];
  if (process.env.BVW_TEST_POSTGRES_URL !== undefined) {
    raw.push({ Name: 'postgresql', Type: 'postgresql', Config: { ConnectionString: process.env.BVW_TEST_POSTGRES_URL } });
  }
  if (process.env.BVW_TEST_MYSQL_URL !== undefined) {
    raw.push({ Name: 'mysql', Type: 'mysql', Config: { ConnectionString: process.env.BVW_TEST_MYSQL_URL } });
  }
  const registry = StoreRegistry.create({ definitions: raw.map((entry) => normalizeStoreDefinition(entry)) });

  try {
    for (const name of registry.names()) {
      const store = registry.getDatabase(name);
      await store.execute(`drop table if exists ${table}`);
      await store.execute(`create table ${table} (id integer primary key, label varchar(64), amount decimal(12, 2), created_at timestamp)`);

      const started = process.hrtime.bigint();
      const inserted = await store.bulkInsert(table, rows());
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;

      const [{ count }] = await store.query<{ count: number | string }>(`select count(*) as count from ${table}`);
      await store.execute(`drop table ${table}`);
      if (Number(count) !== rowCount || inserted !== rowCount) {
        throw new Error(`${name}: inserted ${inserted}, counted ${count}, expected ${rowCount}`);
      }
      console.log(`${name.padEnd(11)} ${rowCount} rows in ${seconds.toFixed(2)} s  ${Math.round(rowCount / seconds)} rows/s`);
    }
  } finally {
    await registry.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
