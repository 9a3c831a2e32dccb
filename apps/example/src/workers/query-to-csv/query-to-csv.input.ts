import { StoreRef } from '@bevault-workers/core';
import type { DbStore, FileStore, QueryBindings } from '@bevault-workers/stores';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';
import { IsQueryBindings } from '../validation';

/** Input of the `query_to_csv` worker. */
export class QueryToCsvInput {
  /** Name of the database store to query. */
  @StoreRef('database')
  store!: DbStore;

  /** SQL statement, with `?` placeholders for an array of parameters or `:name` placeholders for an object. */
  @IsString()
  @IsNotEmpty()
  query!: string;

  /** Values bound to the placeholders. */
  @IsOptional()
  @IsQueryBindings()
  parameters?: QueryBindings;

  /** Name of the file store that receives the CSV file. */
  @StoreRef('file')
  fileStore!: FileStore;

  /** Path of the CSV file in the file store, such as `exports/airports.csv`; an existing file is replaced. */
  @IsString()
  @IsNotEmpty()
  path!: string;

  /**
   * Field separator, one character.
   * @default ','
   */
  @IsOptional()
  @IsString()
  @Length(1, 1)
  delimiter = ',';

  /**
   * Whether the first line names the columns.
   * @default true
   */
  @IsOptional()
  @IsBoolean()
  header = true;
}
