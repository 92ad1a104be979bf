import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../common/page-query.dto';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { ApiAuthenticated, ApiErrors } from '../common/error-response.dto';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { AuditPageDto } from './audit.response';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'audit-cursor', description: 'The nextCursor of a previous page of the audit trail; any other value is a 400.' })
  declare cursor?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId?: string;
}

@ApiTags('audit')
@ApiAuthenticated()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  /** Every read of the audit trail is itself audited, with its scope. */
  @Get()
  @Roles('admin', 'platform_auditor')
  @Audit('audit.read')
  @ApiOperation({
    summary:
      "The audit trail, oldest first: an organisation's admin sees the rows its people wrote and every row of the cases it is party to; the platform auditor sees all",
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors(400)
  list(@Ctx() ctx: RequestContext, @Query() q: ListAuditQueryDto) {
    const all = ctx.principal.roles.includes('platform_auditor');
    ctx.audit.detail = { scope: all ? 'platform' : 'organisation', ...(q.caseId ? { caseId: q.caseId } : {}) };
    return this.audit.list({
      caseId: q.caseId,
      visibleTo: all ? undefined : ctx.principal.organisationCode,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      cursor: q.cursor,
    });
  }
}
