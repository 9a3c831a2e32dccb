import { createReadStream } from 'node:fs';
import type { FileStore } from '@bevault-workers/stores';
import { airportsCsvPath } from './airports-dataset';

/** Path of the airports CSV in the landing file store. */
export const LANDING_AIRPORTS_PATH = 'airports.csv';

/**
 * Copies the airports CSV of `vega-datasets` into the landing file store,
 * replacing any earlier copy, and returns its file token.
 */
export async function seedLandingStore(landing: FileStore): Promise<string> {
  const token = landing.createFileToken(LANDING_AIRPORTS_PATH);
  await landing.write(token, createReadStream(airportsCsvPath()));
  return token;
}
