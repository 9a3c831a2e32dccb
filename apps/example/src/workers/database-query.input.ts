import { StoreRef } from '@bevault-workers/core';
import type { DbStore, QueryBindings } from '@bevault-workers/stores';
import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsQueryBindings } from './validation';

/** Input fields shared by the workers that run a query: the database store, the SQL and its parameters. */
export abstract class DatabaseQueryInput {
  /** Name of the database store to query. */
  @StoreRef('database')
  store!: DbStore;

  /** SQL statement, with `?` placeholders for an array of parameters or `:name` placeholders for an object. */
  @IsString()
  @IsNotEmpty()
  query!: string;

  /** Values bound to the placeholders; they never become part of the SQL text. */
  @IsOptional()
  @IsQueryBindings()
  parameters?: QueryBindings;
}
