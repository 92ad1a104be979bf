import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { IsCode, IsInstant, ORGANISATION_CODE } from '../common/validation';

/** An ISO week, e.g. 2026-W47 (its validity, W53 included, is checked by the calendar's rule). */
export const ISO_WEEK = { pattern: /^\d{4}-W\d{2}$/, max: 8, what: 'an ISO week such as 2026-W47' };

export class StartRoundDto {
  @ApiProperty({ example: '2026-W47', pattern: ISO_WEEK.pattern.source, description: 'The Monday–Sunday week reported on.' })
  @IsCode(ISO_WEEK)
  week: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', pattern: ORGANISATION_CODE.pattern.source, maxLength: ORGANISATION_CODE.max },
    minItems: 1,
    maxItems: 400,
    uniqueItems: true,
    example: ['0114', '0115', '01'],
    description: 'The municipalities and regions that report; default every active one.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ORGANISATION_CODE.pattern, { each: true, message: 'participants must be organisation codes' })
  participants?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When reports fall due; with remindAt and cutoffAt it replaces the weekly calendar (an extra round that opens now).' })
  @IsOptional()
  @IsInstant()
  dueAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When a missing report gets its reminder (from now to dueAt).' })
  @IsOptional()
  @IsInstant()
  remindAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The cut-off, after dueAt: the round closes and its picture is published.' })
  @IsOptional()
  @IsInstant()
  cutoffAt?: string;
}

export class ReviseReportDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The report's figures: a municipality's staffAbsencePercent (per staff group, 0–100, one decimal), stockDays (per consumable, whole days) and comment; a region's covidInpatients, icuBeds, icuBedsOccupied, staffAbsencePercent and comment.",
  })
  @IsObject()
  figures: Record<string, unknown>;
}

export class ListRoundsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'situation-rounds-cursor', description: 'The nextCursor of a previous page of /situation-reports/rounds; any other value is a 400.' })
  declare cursor?: string;
}

export class ListReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'situation-reports-cursor', description: 'The nextCursor of a previous page of this list; any other value is a 400.' })
  declare cursor?: string;
}

export class TrendQueryDto {
  @ApiPropertyOptional({ example: '2026-W01', pattern: ISO_WEEK.pattern.source, description: 'First week (included); default a year before `to`.' })
  @IsOptional()
  @IsCode(ISO_WEEK)
  from?: string;

  @ApiPropertyOptional({ example: '2026-W47', pattern: ISO_WEEK.pattern.source, description: 'Last week (included); default the latest published.' })
  @IsOptional()
  @IsCode(ISO_WEEK)
  to?: string;

  @ApiPropertyOptional({ example: '01', pattern: '^\\d{2}$', description: 'A county (two-digit code); default the whole country.' })
  @IsOptional()
  @IsCode({ pattern: /^\d{2}$/, max: 2, what: 'a two-digit county code' })
  county?: string;
}
