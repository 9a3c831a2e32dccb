import { FileTokenRef, StoreRef } from '@bevault-workers/core';
import type { DbStore, ResolvedFileToken } from '@bevault-workers/stores';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { ColumnType } from '../../csv/column-type';
import { IsColumnTypeMap, TABLE_NAME_PATTERN } from '../validation';

/** Action of `csv_to_table` when the table exists already. */
export type IfTableExists = 'replace' | 'append' | 'fail';

/** Input of the `csv_to_table` worker. */
export class CsvToTableInput {
  /** File token of the CSV file, such as `file://landing/airports.csv`. */
  @FileTokenRef()
  fileToken!: ResolvedFileToken;

  /** Name of the database store that receives the table. */
  @StoreRef('database')
  store!: DbStore;

  /** Table to load, optionally `schema.table`. */
  @Matches(TABLE_NAME_PATTERN, { message: 'table must be a SQL identifier such as airports or staging.airports' })
  table!: string;

  /**
   * `replace` drops and recreates the table, `append` creates it when missing
   * and adds rows, `fail` fails the task when the table exists.
   * @default 'replace'
   */
  @IsOptional()
  @IsIn(['replace', 'append', 'fail'])
  ifExists: IfTableExists = 'replace';

  /** Field separator, one character; detected when left out. */
  @IsOptional()
  @IsString()
  @Length(1, 1)
  delimiter?: string;

  /** Quote character; `""` or `null` for none; detected when left out. */
  @IsOptional()
  @IsString()
  @Length(0, 1)
  quote?: string | null;

  /** Column types by column name, replacing the detected ones. */
  @IsOptional()
  @IsColumnTypeMap()
  columnTypes?: Record<string, ColumnType>;

  /**
   * Bytes read ahead to detect the separator, quote and column types.
   * @default 1048576 (1 MiB)
   */
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  sampleBytes?: number;
}
