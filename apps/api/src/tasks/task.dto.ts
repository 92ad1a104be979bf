import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { TASK_KINDS } from '../../../../libs/contracts/src/case-catalogue';
import { TASK_STATUSES, TaskStatus } from '../../../../libs/contracts/src/human-task.contract';
import { PageQueryDto } from '../common/page-query.dto';
import { IsAnswer } from '../common/validation';

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'tasks-cursor', description: 'The nextCursor of a previous page of /tasks; any other value is a 400.' })
  declare cursor?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_KINDS })
  @IsOptional()
  @IsIn(TASK_KINDS)
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
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { acknowledged: true },
    description:
      "The answer, in the shape of the task's answerSchema. Its keys are plain names, it nests at most 5 levels, and " +
      'its strings are text without control characters other than tab and newline (a 400 names the path, e.g. decision.comment).',
  })
  @IsObject()
  @IsAnswer()
  decision: Record<string, unknown>;
}
