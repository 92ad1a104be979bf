import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCode } from './validation';

/** Cursor pagination, shared by every list: `limit` items, then `cursor` = the previous page's nextCursor. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page of the same list; any other value gets 400' })
  @IsOptional()
  @IsCode({ pattern: /^[A-Za-z0-9_-]{1,512}$/, max: 512, what: 'the nextCursor of a previous page of this list' })
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
