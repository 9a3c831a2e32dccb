import { Input, Worker, type WorkerHandler } from '@bevault-workers/core';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

/** Nested part of {@link TypedInput}. */
export class TypedInputOptions {
  @IsString() label!: string;
}

/** Input of {@link TypedWorker}: a required string, a required integer, optional tags and a nested object. */
export class TypedInput {
  @IsString() name!: string;

  @IsInt() @Min(0) count!: number;

  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];

  @IsOptional() @ValidateNested() @Type(() => TypedInputOptions) options?: TypedInputOptions;
}

/** Result of {@link TypedWorker}: the input as validated, and the keys the handler saw. */
export interface TypedResult {
  readonly name: string;
  readonly count: number;
  readonly keys: string[];
  readonly optionKeys: string[];
  readonly isTypedInput: boolean;
}

/** Validates its input with class-validator and reports what reached the handler. */
@Worker('rel_typed', { concurrency: 2, maxPollers: 1 })
@Input(TypedInput)
export class TypedWorker implements WorkerHandler<TypedInput, TypedResult> {
  handle(input: TypedInput): TypedResult {
    return {
      name: input.name,
      count: input.count,
      keys: Object.keys(input).sort(),
      optionKeys: input.options === undefined ? [] : Object.keys(input.options).sort(),
      isTypedInput: input instanceof TypedInput,
    };
  }
}

/** Same input class, but extra properties fail the task instead of being stripped. */
@Worker('rel_strict', { concurrency: 1, maxPollers: 1, forbidNonWhitelisted: true })
@Input(TypedInput)
export class StrictWorker implements WorkerHandler<TypedInput, { name: string }> {
  handle(input: TypedInput): { name: string } {
    return { name: input.name };
  }
}
