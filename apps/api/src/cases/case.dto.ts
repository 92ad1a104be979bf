import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CASE_STATUSES, CASE_TYPES, CaseType } from '../../../../libs/contracts/src/case-catalogue';
import { PageQueryDto } from '../common/page-query.dto';

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'cases-cursor', description: 'The nextCursor of a previous page of /cases; any other value is a 400.' })
  declare cursor?: string;

  @ApiPropertyOptional({ enum: CASE_TYPES })
  @IsOptional()
  @IsIn(CASE_TYPES)
  type?: CaseType;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'A status of any case type (with `type`, one of its own).' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;
}
