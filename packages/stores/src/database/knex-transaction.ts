import type { Knex } from 'knex';

import type { DbTransaction, QueryBindings } from '../stores/store';

interface Runner {
  query(sql: string, bindings?: QueryBindings): Promise<unknown[]>;
  execute(sql: string, bindings?: QueryBindings): Promise<number>;
}

/** A knex transaction behind the {@link DbTransaction} interface. @internal */
export class KnexTransaction implements DbTransaction {
  constructor(
    readonly knex: Knex.Transaction,
    private readonly runner: Runner,
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings): Promise<Row[]> {
    return (await this.runner.query(sql, bindings)) as Row[];
  }

  execute(sql: string, bindings?: QueryBindings): Promise<number> {
    return this.runner.execute(sql, bindings);
  }
}
