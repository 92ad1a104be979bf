import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../common/page-query.dto';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The audit trail, oldest first (admin only)' })
  list(@Query() q: ListAuditQueryDto) {
    return this.audit.list({ caseId: q.caseId, limit: q.limit ?? DEFAULT_PAGE_SIZE, cursor: q.cursor });
  }
}
