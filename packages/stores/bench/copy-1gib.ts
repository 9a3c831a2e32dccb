/**
 * Copies a 1 GiB file between file stores through openRead/openWrite streams and reports the
 * throughput and the process's peak RSS, which must stay under 150 MiB.
 *
 * Copies: local directory to local directory, and local directory to SFTP and back when the
 * BVW_TEST_SFTP_* variables of `.ci/services/sftp.sh` are set.
 *
 * Run after `pnpm build`:  pnpm --filter @bevault-workers/stores bench
 * Options (environment): BVW_BENCH_COPY_BYTES (default 1073741824), BVW_BENCH_DIR (default the
 * system temporary directory).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { normalizeStoreDefinition, StoreRegistry, type FileStore } from '@bevault-workers/stores';

import { MemorySampler, mebibytes } from './memory-sampler';

/** Peak RSS the copy must stay under, in bytes. */
const RSS_TARGET_BYTES = 150 * 1024 * 1024;

const totalBytes = Number(process.env.BVW_BENCH_COPY_BYTES ?? 1024 * 1024 * 1024);
const chunkBytes = 1024 * 1024;

interface CopyResult {
  readonly name: string;
  readonly seconds: number;
  readonly mebibytesPerSecond: number;
}

async function main(): Promise<void> {
  const sampler = new MemorySampler();
  const root = mkdtempSync(join(process.env.BVW_BENCH_DIR ?? tmpdir(), 'bvw-bench-copy-'));
  const sftpBase = process.env.BVW_TEST_SFTP_HOME === undefined ? undefined : `${process.env.BVW_TEST_SFTP_HOME}/bvw-bench-${process.pid}`;
  const registry = StoreRegistry.create({ definitions: definitions(root, sftpBase) });
  const results: CopyResult[] = [];

  try {
    const source = registry.getFileStore('source');
    const sourceToken = source.createFileToken('big/source.bin');
    const expectedHash = await timed(results, 'generate into local', () => writeRandomFile(source, sourceToken));

    const target = registry.getFileStore('target');
    await timed(results, 'local to local', () => copy(source, sourceToken, target, target.createFileToken('copy/target.bin')));
    await verify(target, target.createFileToken('copy/target.bin'), expectedHash);

    if (registry.has('sftp')) {
      const sftp = registry.getFileStore('sftp');
      const remoteToken = sftp.createFileToken('upload.bin');
      await timed(results, 'local to sftp', () => copy(source, sourceToken, sftp, remoteToken));
      const backToken = target.createFileToken('copy/from-sftp.bin');
      await timed(results, 'sftp to local', () => copy(sftp, remoteToken, target, backToken));
      await verify(target, backToken, expectedHash);
      await sftp.delete(remoteToken);
    } else {
      console.log('SFTP copy skipped: BVW_TEST_SFTP_* not set (eval "$(bash .ci/services/sftp.sh start)").');
    }
  } finally {
    await registry.close();
    rmSync(root, { recursive: true, force: true });
  }

  const peak = sampler.stop();
  for (const result of results) {
    console.log(`${result.name.padEnd(22)} ${result.seconds.toFixed(1).padStart(6)} s  ${result.mebibytesPerSecond.toFixed(0).padStart(5)} MiB/s`);
  }
  const passed = peak < RSS_TARGET_BYTES;
  console.log(`file size ${mebibytes(totalBytes)}, peak RSS ${mebibytes(peak)} (target < ${mebibytes(RSS_TARGET_BYTES)}): ${passed ? 'PASS' : 'FAIL'}`);
  console.log(JSON.stringify({ benchmark: 'stores-copy-1gib', bytes: totalBytes, peakRssBytes: peak, passed, results }));
  process.exitCode = passed ? 0 : 1;
}

function definitions(root: string, sftpBase: string | undefined) {
  const raw: unknown[] = [
    { Name: 'source', Type: 'file', Config: { BasePath: join(root, 'source') } },
    { Name: 'target', Type: 'file', Config: { BasePath: join(root, 'target') } },
  ];
  if (sftpBase !== undefined && process.env.BVW_TEST_SFTP_HOST !== undefined) {
    raw.push({
      Name: 'sftp',
      Type: 'sftp',
      Config: {
        Host: process.env.BVW_TEST_SFTP_HOST,
        Port: process.env.BVW_TEST_SFTP_PORT,
        Username: process.env.BVW_TEST_SFTP_USER,
        Password: process.env.BVW_TEST_SFTP_PASSWORD,
        BasePath: sftpBase,
      },
    });
  }
  return raw.map((entry) => normalizeStoreDefinition(entry));
}

/** Writes `totalBytes` of pseudo-random data (a random block with a counter) and returns its SHA-256. */
async function writeRandomFile(store: FileStore, token: string): Promise<string> {
  const block = randomBytes(chunkBytes);
  const hash = createHash('sha256');
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let written = 0, index = 0; written < totalBytes; written += chunkBytes, index++) {
      const chunk = Buffer.from(block.subarray(0, Math.min(chunkBytes, totalBytes - written)));
      chunk.writeUInt32BE(index, 0);
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), await store.openWrite(token));
  return hash.digest('hex');
}

async function copy(from: FileStore, fromToken: string, to: FileStore, toToken: string): Promise<void> {
  await pipeline(await from.openRead(fromToken), await to.openWrite(toToken));
}

async function verify(store: FileStore, token: string, expectedHash: string): Promise<void> {
  const hash = createHash('sha256');
  for await (const chunk of await store.openRead(token)) {
    hash.update(chunk as Buffer);
  }
  if (hash.digest('hex') !== expectedHash) {
    throw new Error(`The copy ${token} differs from the source.`);
  }
}

async function timed<T>(results: CopyResult[], name: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const value = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  results.push({ name, seconds, mebibytesPerSecond: totalBytes / 1024 / 1024 / seconds });
  return value;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
