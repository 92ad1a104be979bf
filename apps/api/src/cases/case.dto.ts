import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'discharge_handover', pattern: '^[a-z_]{1,64}$' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'type must be a case type such as discharge_handover' })
  type?: string;

  @ApiPropertyOptional({ example: 'planning', pattern: '^[a-z_]{1,64}$' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'status must be a status such as planning' })
  status?: string;
}
