import { dirname, join } from 'node:path';

/**
 * Path of `data/airports.csv` in the installed `vega-datasets` package: the US
 * airports (IATA code, name, city, state, country, latitude, longitude).
 *
 * The package's `exports` map publishes only its JavaScript entry point, so the
 * path is built from where that entry point resolves (`build/index.js`).
 */
export function airportsCsvPath(): string {
  const entryPoint = require.resolve('vega-datasets');
  return join(dirname(entryPoint), '..', 'data', 'airports.csv');
}
