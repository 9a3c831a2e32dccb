import { Inject, Injectable, Input, StoreRef, TaskFailure, Worker, type DbStore, type TaskContext } from '@bevault-workers/core';
import { Matches } from 'class-validator';

// The worker of docs/testing.md, kept identical so that the page's examples are tested.

export const RATES_API = 'rates-api';

export interface RatesApi {
  fetchRates(day: string, signal: AbortSignal): Promise<Array<{ currency: string; rate: number }>>;
}

/** Stands for the production client, which the tests always replace. */
@Injectable()
export class HttpRatesApi implements RatesApi {
  async fetchRates(): Promise<Array<{ currency: string; rate: number }>> {
    throw new Error('The tests must not reach the rates API.');
  }
}

export class LoadRatesInput {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date such as 2024-05-01' })
  day!: string;

  @StoreRef('database')
  target!: DbStore;
}

@Worker('load_rates')
@Input(LoadRatesInput)
export class LoadRatesWorker {
  constructor(@Inject(RATES_API) private readonly api: RatesApi) {}

  async handle(input: LoadRatesInput, task: TaskContext) {
    const rates = await this.api.fetchRates(input.day, task.signal);
    if (rates.length === 0) {
      throw new TaskFailure('Rates.NotPublished', `No rates are published for ${input.day} yet.`);
    }

    await input.target.bulkInsert('rates', rates.map((rate) => ({ day: input.day, ...rate })));
    return { day: input.day, rows: rates.length };
  }
}
