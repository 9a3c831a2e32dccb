import { IsString, Matches } from 'class-validator';
import { Input, StoreRef, Worker, type DbStore } from '@bevault-workers/core';

export class CountRowsInput {
  @StoreRef('database')
  dbStore!: DbStore;

  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/)
  table!: string;
}

@Worker('count_rows')
@Input(CountRowsInput)
export class CountRowsWorker {
  async handle(input: CountRowsInput): Promise<{ table: string; rows: number }> {
    const [row] = await input.dbStore.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM ??', [input.table]);
    return { table: input.table, rows: Number(row.n) };
  }
}
