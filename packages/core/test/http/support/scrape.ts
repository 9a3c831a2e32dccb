import type { WorkerApplication } from '../../../src/application/worker-application';

/** One sample of the Prometheus text format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** GETs `path` from the application's health and metrics server. */
export async function get(app: WorkerApplication, path: string, init: RequestInit = {}): Promise<Response> {
  const address = app.httpServerAddress;
  if (address === undefined) {
    throw new Error('The health and metrics server does not listen.');
  }

  return fetch(`${address.url}${path}`, init);
}

/** Scrapes `/metrics` and parses the samples. */
export async function scrape(app: WorkerApplication): Promise<Sample[]> {
  const response = await get(app, '/metrics');
  return parseSamples(await response.text());
}

/** Parses the sample lines of the Prometheus text format (comments are skipped). */
export function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (match === null) {
        throw new Error(`Not a sample line: ${line}`);
      }

      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the sample named `name` whose labels include `labels`; undefined when there is none. */
export function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value;
}
