import type { LoadTask } from './steady-load';

/** Path, inside the `files` store, of the file the mixed load's `rel_files` tasks read. */
export const mixedLoadFilePath = 'incoming/sample.csv';

/**
 * Task `index` of a load that uses every part of the runtime: short and
 * longer echo tasks, SQL inserts, validated and invalid typed input, a file
 * token, handlers that throw, and outputs too large or not serializable.
 * About a quarter of the tasks fail on purpose.
 */
export function mixedLoadTask(index: number): LoadTask {
  switch (index % 20) {
    case 10:
    case 11:
    case 12:
      return { activity: 'rel_ledger', input: { ledger: 'ledger', value: `soak ${index} '); drop table ledger; --` } };
    case 13:
      return { activity: 'rel_typed', input: { name: `row ${index}`, count: index, tags: ['a', 'b'], options: { label: 'l' } } };
    case 14:
      return { activity: 'rel_typed', input: { name: index, count: 'many', extra: true } };
    case 15:
      return { activity: 'rel_behaviour', input: { behaviour: 'throw-string' } };
    case 16:
      return { activity: 'rel_behaviour', input: { behaviour: 'big-output' } };
    case 17:
      return { activity: 'rel_files', input: { source: `file://files/${mixedLoadFilePath}` } };
    case 18:
      return { activity: 'rel_behaviour', input: { behaviour: 'bigint-output' } };
    default:
      return { activity: 'rel_echo', input: { ms: 50 + (index % 5) * 50, honourSignal: index % 2 === 0, value: { index, text: 'x'.repeat(index % 200) } } };
  }
}
