import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled'])
  status?: 'open' | 'completed' | 'cancelled';

  @ApiPropertyOptional({ example: 'discharge.acknowledge_notice', pattern: '^[a-z_.]{1,80}$' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,80}$/, { message: 'kind must be a task kind such as discharge.acknowledge_notice' })
  kind?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only past due; false: only not yet due' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId?: string;
}

export class CompleteTaskDto {
  @ApiProperty({ example: { acknowledged: true }, description: "The answer, in the shape of the task's answerSchema." })
  @IsObject()
  decision: Record<string, unknown>;
}
