import { Matches } from 'class-validator';
import { InjectStore, Input, Worker, type DbStore, type TaskContext } from '@bevault-workers/core';

export class CountRowsInput {
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'table must be a plain SQL name' })
  table!: string;
}

@Worker('count_rows')
@Input(CountRowsInput)
export class CountRowsWorker {
  constructor(@InjectStore('warehouse', { kind: 'database' }) private readonly warehouse: DbStore) {}

  async handle(input: CountRowsInput, task: TaskContext): Promise<{ table: string; rows: number }> {
    const [row] = await this.warehouse.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM ??', [input.table]);
    const rows = Number(row.n);
    task.logger.info('Rows counted', { table: input.table, rows });
    return { table: input.table, rows };
  }
}
