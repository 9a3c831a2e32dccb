import { readFileSync } from 'node:fs';
import { airportsCsvPath } from '../../src/bootstrap/airports-dataset';

/**
 * Splits CSV text into records with a character-by-character reader of
 * RFC 4180 (double quotes, doubled quotes inside them, line breaks inside
 * quoted fields). Written here on purpose instead of reusing the app's parser,
 * so that the test checks the app against an independent computation.
 */
export function parseRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') {
        index += 1;
      }
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += character;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Airports per state of the vega-datasets file, largest first, ties by state code, and the number of airports. */
export function countAirportsPerState(): { airports: number; counts: { state: string; airports: number }[] } {
  const [header, ...rows] = parseRfc4180(readFileSync(airportsCsvPath(), 'utf8'));
  const stateIndex = header.indexOf('state');
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row[stateIndex], (counts.get(row[stateIndex]) ?? 0) + 1);
  }

  const byCountThenState = (a: { state: string; airports: number }, b: { state: string; airports: number }): number => {
    if (a.airports !== b.airports) {
      return b.airports - a.airports;
    }
    return a.state < b.state ? -1 : 1;
  };
  const sorted = [...counts].map(([state, airports]) => ({ state, airports })).sort(byCountThenState);
  return { airports: rows.length, counts: sorted };
}
