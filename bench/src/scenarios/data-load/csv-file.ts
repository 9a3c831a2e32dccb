import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Header of the benchmark CSV file; the types csv_to_table detects are in brackets. */
export const CSV_HEADER = 'id,name,code,latitude,longitude,elevation,active,opened_on';

const LINES_PER_CHUNK = 1_000;

function csvLine(id: number): string {
  // Every tenth name needs quoting, as real exports do.
  const name = id % 10 === 0 ? `"Airport ${id}, ""north"" terminal"` : `Airport ${id}`;
  const code = String.fromCharCode(65 + (id % 26), 65 + ((id >> 5) % 26), 65 + ((id >> 10) % 26));
  const latitude = (((id * 7919) % 180_000) / 1000 - 90).toFixed(4);
  const longitude = (((id * 104_729) % 360_000) / 1000 - 180).toFixed(4);
  const day = String(1 + (id % 28)).padStart(2, '0');
  const month = String(1 + (id % 12)).padStart(2, '0');

  return `${id},${name},${code},${latitude},${longitude},${id % 4_000},${id % 3 === 0 ? 'true' : 'false'},${1950 + (id % 70)}-${month}-${day}`;
}

/**
 * Writes a CSV file of `rows` data rows after {@link CSV_HEADER}: integer,
 * text, decimal, boolean and date columns, one name in ten quoted with a
 * comma and doubled quotes inside. Returns the file size in bytes.
 */
export async function writeBenchmarkCsv(path: string, rows: number): Promise<number> {
  let bytes = 0;

  async function* lines(): AsyncGenerator<string> {
    let chunk = `${CSV_HEADER}\n`;

    for (let id = 1; id <= rows; id += 1) {
      chunk += `${csvLine(id)}\n`;

      if (id % LINES_PER_CHUNK === 0) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
        chunk = '';
      }
    }

    bytes += Buffer.byteLength(chunk);
    yield chunk;
  }

  await pipeline(Readable.from(lines()), createWriteStream(path));

  return bytes;
}
