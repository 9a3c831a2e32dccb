import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DatabaseQueryInput } from '../database-query.input';

/**
 * Largest `maxRows` a task may request. Step Functions limits a task output to
 * 256 KiB, so wide rows can reach that limit sooner: the task then fails with
 * `Worker.OutputTooLarge`.
 */
export const SQL_QUERY_MAX_ROWS_LIMIT = 10_000;

/** Input of the `sql_query` worker. */
export class SqlQueryInput extends DatabaseQueryInput {
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
