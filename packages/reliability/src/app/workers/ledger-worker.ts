import { Input, StoreRef, Worker, type DbStore, type WorkerHandler } from '@bevault-workers/core';
import { IsString } from 'class-validator';

/** Input of {@link LedgerWorker}. */
export class LedgerInput {
  /** Name of the database store to write to. */
  @StoreRef('database') ledger!: DbStore;

  /** Text stored as sent, whatever it contains. */
  @IsString() value!: string;
}

/**
 * Stores the input's `value` in a `ledger` table through bindings and returns
 * the row as read back, so a test can check that a SQL injection string is
 * stored verbatim.
 */
@Worker('rel_ledger', { concurrency: 2, maxPollers: 1 })
@Input(LedgerInput)
export class LedgerWorker implements WorkerHandler<LedgerInput, { id: number; value: string }> {
  async handle(input: LedgerInput): Promise<{ id: number; value: string }> {
    const db = input.ledger;

    await db.execute('create table if not exists ledger (id integer primary key autoincrement, value text not null)');

    // One transaction, so a concurrent task's insert cannot come between the insert and last_insert_rowid().
    const [row] = await db.transaction(async (transaction) => {
      await transaction.execute('insert into ledger (value) values (?)', [input.value]);
      return transaction.query<{ id: number; value: string }>('select id, value from ledger where id = last_insert_rowid()');
    });

    return { id: Number(row?.id), value: String(row?.value) };
  }
}
