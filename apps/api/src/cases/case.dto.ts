import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class ListCasesQueryDto {
  @ApiPropertyOptional({ example: 'discharge_handover' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'type must be a case type such as discharge_handover' })
  type?: string;

  @ApiPropertyOptional({ example: 'planning' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'status must be a status such as planning' })
  status?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
