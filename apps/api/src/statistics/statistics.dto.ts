import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;

/** A span of calendar months (Europe/Stockholm), both included; either end open when left out. */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: '2026-01', pattern: MONTH.source, description: 'First month included (YYYY-MM); none: from the start.' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month, YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', pattern: MONTH.source, description: 'Last month included (YYYY-MM), not before `from`; none: up to now.' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month, YYYY-MM' })
  to?: string;
}
