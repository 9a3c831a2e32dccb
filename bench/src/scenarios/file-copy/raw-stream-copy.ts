/**
 * Baseline of the file-store copy benchmark: the same work as
 * packages/stores/bench/copy-1gib.ts (write a pseudo-random file, copy it,
 * read the copy back to check its SHA-256) with bare `fs` streams, no store.
 * Prints one JSON line with the peak RSS and the copy's throughput.
 *
 * Environment: BVW_BENCH_COPY_BYTES (default 1073741824), BVW_BENCH_DIR
 * (default the system temporary directory).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const totalBytes = Number(process.env.BVW_BENCH_COPY_BYTES ?? 1024 * 1024 * 1024);
const chunkBytes = 1024 * 1024;

async function main(): Promise<void> {
  let peakRssBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss)), 50);
  const root = mkdtempSync(join(process.env.BVW_BENCH_DIR ?? tmpdir(), 'bvw-bench-raw-copy-'));
  const source = join(root, 'source.bin');
  const target = join(root, 'target.bin');

  try {
    const expectedHash = await writeRandomFile(source);
    const startedAt = performance.now();

    await pipeline(createReadStream(source), createWriteStream(target));

    const seconds = (performance.now() - startedAt) / 1000;

    if ((await hashOf(target)) !== expectedHash) {
      throw new Error(`The copy ${target} differs from the source.`);
    }

    clearInterval(sampler);
    peakRssBytes = Math.max(peakRssBytes, process.resourceUsage().maxRSS * 1024);
    console.log(JSON.stringify({ benchmark: 'raw-stream-copy', bytes: totalBytes, peakRssBytes, results: [{ name: 'local to local', seconds, mebibytesPerSecond: totalBytes / 1024 / 1024 / seconds }] }));
  } finally {
    clearInterval(sampler);
    rmSync(root, { recursive: true, force: true });
  }
}

/** Writes `totalBytes` of a random block with a counter in each chunk, as the store benchmark does, and returns its SHA-256. */
async function writeRandomFile(path: string): Promise<string> {
  const block = randomBytes(chunkBytes);
  const hash = createHash('sha256');

  async function* chunks(): AsyncGenerator<Buffer> {
    for (let written = 0, index = 0; written < totalBytes; written += chunkBytes, index += 1) {
      const chunk = Buffer.from(block.subarray(0, Math.min(chunkBytes, totalBytes - written)));
      chunk.writeUInt32BE(index, 0);
      hash.update(chunk);
      yield chunk;
    }
  }

  await pipeline(Readable.from(chunks()), createWriteStream(path));

  return hash.digest('hex');
}

async function hashOf(path: string): Promise<string> {
  const hash = createHash('sha256');

  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }

  return hash.digest('hex');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
