import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** A task input of ten validated fields, typical of a data-engineering worker. */
export class TenFieldInput {
  @IsInt()
  @Min(1)
  id!: number;

  @IsString()
  @Length(1, 80)
  name!: string;

  @IsEmail()
  owner!: string;

  @IsNumber()
  @Min(0)
  amount!: number;

  @IsIn(['EUR', 'USD', 'GBP'])
  currency!: string;

  @IsISO8601()
  createdAt!: string;

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  tags!: string[];

  @IsBoolean()
  active!: boolean;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(9)
  priority!: number;

  @IsOptional()
  @IsString()
  note?: string;
}

/** Output of the ten-field worker. */
export interface TenFieldOutput {
  readonly id: number;
  readonly total: number;
  readonly tagCount: number;
}

/** The work of the handler, shared by the framework worker and the hand-written baselines. */
export function summarizeInput(input: Pick<TenFieldInput, 'id' | 'amount' | 'priority' | 'tags'>): TenFieldOutput {
  return { id: input.id, total: input.amount * (input.priority + 1), tagCount: input.tags.length };
}

/** A valid input, as JSON text. */
export const TEN_FIELD_TASK_INPUT = JSON.stringify({
  id: 42,
  name: 'Daily load of the airports table',
  owner: 'data-team@example.com',
  amount: 1250.5,
  currency: 'EUR',
  createdAt: '2024-05-01T08:30:00Z',
  tags: ['airports', 'daily', 'landing'],
  active: true,
  priority: 3,
  note: 'replayed after the outage',
});
