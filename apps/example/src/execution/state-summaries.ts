import type { StateSummarizer } from './progress-reporter';

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Progress summaries of the airports workflow's task states, read from the
 * state outputs. A state whose task failed and was caught leaves with the
 * failure instead of its result, and gets no summary.
 */
export const airportsStateSummaries: Readonly<Record<string, StateSummarizer>> = {
  LoadAirports: (output) => {
    const rowCount = field(output, 'load', 'rowCount');
    return typeof rowCount === 'number' ? `${rowCount} rows loaded into ${String(field(output, 'load', 'table'))}` : undefined;
  },
  CountAirportsPerState: (output) => {
    const states = field(output, 'counts', 'states');
    return Array.isArray(states) ? `${states.length} states counted` : undefined;
  },
  ExportTopStates: (output) => writtenFile(output),
  CompressExport: (output) => writtenFile(output),
};

function writtenFile(output: unknown): string | undefined {
  const fileToken = field(output, 'export', 'fileToken');
  return typeof fileToken === 'string' ? `wrote ${fileToken}` : undefined;
}
