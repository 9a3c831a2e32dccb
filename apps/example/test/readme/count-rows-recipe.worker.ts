import { Matches } from 'class-validator';
import { Input, StoreRef, Worker, type DbStore, type TaskContext } from '@bevault-workers/core';

export class CountRowsInput {
  @StoreRef('database')
  store!: DbStore;

  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'table must be a plain SQL name' })
  table!: string;
}

@Worker('count_rows')
@Input(CountRowsInput)
export class CountRowsWorker {
  async handle(input: CountRowsInput, task: TaskContext): Promise<{ table: string; rows: number }> {
    const [row] = await input.store.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM ??', [input.table]);
    const rows = Number(row.n);
    task.logger.info('Rows counted', { store: input.store.name, table: input.table, rows });
    return { table: input.table, rows };
  }
}
