import { FileTokenRef } from '@bevault-workers/core';
import type { ResolvedFileToken } from '@bevault-workers/stores';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

/** Direction of the `gzip` worker. */
export type GzipMode = 'compress' | 'decompress';

/** Input of the `gzip` worker. */
export class GzipInput {
  /** File token of the file to compress or decompress. */
  @FileTokenRef()
  fileToken!: ResolvedFileToken;

  /**
   * `compress` writes `<path>.gz`; `decompress` reads a `.gz` file and writes its path without `.gz`.
   * @default 'compress'
   */
  @IsOptional()
  @IsIn(['compress', 'decompress'])
  mode: GzipMode = 'compress';

  /** Path of the output file in the same store, instead of adding or removing `.gz`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  targetPath?: string;

  /**
   * Whether to delete the input file once the output file is complete.
   * @default false
   */
  @IsOptional()
  @IsBoolean()
  deleteSource = false;

  /**
   * zlib compression level, from 1 (fastest) to 9 (smallest).
   * @default 6
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  level = 6;
}
