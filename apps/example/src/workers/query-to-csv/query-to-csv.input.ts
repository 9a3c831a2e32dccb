import { StoreRef } from '@bevault-workers/core';
import type { FileStore } from '@bevault-workers/stores';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';
import { DatabaseQueryInput } from '../database-query.input';

/** Input of the `query_to_csv` worker. */
export class QueryToCsvInput extends DatabaseQueryInput {
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
