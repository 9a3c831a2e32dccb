import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes of CSV gathered before a chunk is sent to the server. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Encodes one value for `COPY ... WITH (FORMAT csv)`: NULL as an unquoted empty field, every
 * other value quoted with `"` doubled, so an empty string stays distinct from NULL.
 * @internal
 */
export function encodeCsvValue(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }

  let text: string;
  if (value instanceof Date) {
    text = value.toISOString();
  } else if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    text = `\\x${Buffer.from(value).toString('hex')}`;
  } else if (typeof value === 'object') {
    text = JSON.stringify(value);
  } else {
    text = String(value);
  }
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Streams rows as CSV into a COPY stream and returns the number of rows sent. `first` is the
 * first row, already read from `rest` to learn the columns.
 * @internal
 */
export async function copyRows(
  copyStream: NodeJS.WritableStream,
  columns: readonly string[],
  first: Record<string, unknown>,
  rest: AsyncIterator<Record<string, unknown>>,
): Promise<number> {
  let count = 0;

  async function* csvChunks(): AsyncGenerator<string> {
    let chunk = '';
    let row: Record<string, unknown> | undefined = first;
    while (row !== undefined) {
      chunk += `${columns.map((column) => encodeCsvValue(row![column])).join(',')}\n`;
      count += 1;
      if (chunk.length >= CHUNK_BYTES) {
        yield chunk;
        chunk = '';
      }
      const next = await rest.next();
      row = next.done === true ? undefined : next.value;
    }
    if (chunk !== '') {
      yield chunk;
    }
  }

  await pipeline(Readable.from(csvChunks()), copyStream);
  return count;
}
