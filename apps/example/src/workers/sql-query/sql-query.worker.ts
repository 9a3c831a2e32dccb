import { Input, Worker, type TaskContext, type WorkerHandler } from '@bevault-workers/core';
import { SqlQueryInput } from './sql-query.input';

/** Output of the `sql_query` worker. */
export interface SqlQueryOutput {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows returned, at most `maxRows`. */
  readonly rowCount: number;
  /** Whether the query produced more than `maxRows` rows, which were left out. */
  readonly truncated: boolean;
}

/**
 * Runs a parameterized SQL statement on a database store and returns its rows,
 * up to `maxRows`. Rows are streamed, so a large result is never loaded whole:
 * the stream stops after `maxRows + 1` rows.
 */
@Worker('sql_query')
@Input(SqlQueryInput)
export class SqlQueryWorker implements WorkerHandler<SqlQueryInput, SqlQueryOutput> {
  async handle(input: SqlQueryInput, task: TaskContext): Promise<SqlQueryOutput> {
    const stream = input.store.stream<Record<string, unknown>>(input.query, input.parameters);
    const rows: Record<string, unknown>[] = [];
    let truncated = false;

    try {
      for await (const row of stream) {
        task.signal.throwIfAborted();
        if (rows.length === input.maxRows) {
          truncated = true;
          break;
        }
        rows.push(row);
      }
    } finally {
      stream.destroy();
    }

    task.logger.info('Query returned rows', { store: input.store.name, rowCount: rows.length, truncated });
    return { rows, rowCount: rows.length, truncated };
  }
}
