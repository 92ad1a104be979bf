import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Cursor pagination, shared by every list: `limit` items, then `cursor` = the previous page's nextCursor. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    description: "nextCursor of the previous page, as it came (opaque: base64url); one the API did not return is a 400",
    format: 'page-cursor',
    pattern: '^[A-Za-z0-9_-]*$',
  })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
