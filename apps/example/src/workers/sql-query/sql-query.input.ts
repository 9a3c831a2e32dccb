import { StoreRef } from '@bevault-workers/core';
import type { DbStore, QueryBindings } from '@bevault-workers/stores';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsQueryBindings } from '../validation';

/** Largest `maxRows` a task may ask for, so that the output stays far below the 256 KiB Step Functions allows. */
export const SQL_QUERY_MAX_ROWS_LIMIT = 10_000;

/** Input of the `sql_query` worker. */
export class SqlQueryInput {
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

  /**
   * Maximum number of rows returned; the output's `truncated` is true when more rows were left out.
   * @default 1000
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SQL_QUERY_MAX_ROWS_LIMIT)
  maxRows = 1000;
}
