import { Readable } from 'node:stream';

/** First bytes of a stream, and a stream that replays them followed by the rest. */
export interface StreamSample {
  /** Text of the first `sampleBytes` bytes or more, decoded as UTF-8 (a character cut at the end is dropped). */
  readonly text: string;
  /** Whether the sample is the whole content, so that its last line is complete. */
  readonly complete: boolean;
  /** Every byte of the source, from the first one. */
  readonly replay: Readable;
}

function countLineBreaks(chunk: Buffer): number {
  let lineFeeds = 0;
  let carriageReturns = 0;
  for (const byte of chunk) {
    if (byte === 0x0a) {
      lineFeeds += 1;
    } else if (byte === 0x0d) {
      carriageReturns += 1;
    }
  }
  // Files ending lines with \r alone have no \n, and \r\n would count twice.
  return Math.max(lineFeeds, carriageReturns);
}

/**
 * Reads chunks from `source` until at least `sampleBytes` bytes and
 * `minLineBreaks` line breaks have arrived, or the source ends, without losing
 * them: the returned `replay` stream yields those chunks again, then pulls the
 * rest of `source`.
 */
export async function sampleStream(source: Readable, sampleBytes: number, minLineBreaks = 0): Promise<StreamSample> {
  const iterator: AsyncIterator<Buffer | string> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let lineBreaks = 0;
  let complete = false;

  while (size < sampleBytes || lineBreaks < minLineBreaks) {
    const next = await iterator.next();
    if (next.done === true) {
      complete = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    size += chunk.length;
    lineBreaks += countLineBreaks(chunk);
  }

  async function* replayChunks(): AsyncGenerator<Buffer> {
    try {
      yield* chunks;
      if (complete) {
        return;
      }
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
        yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      }
    } finally {
      // Destroys the source when the replay stops early, for example on a parse error.
      await iterator.return?.();
    }
  }

  const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks), { stream: !complete });
  return { text, complete, replay: Readable.from(replayChunks(), { objectMode: false }) };
}
