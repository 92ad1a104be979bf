import { Controller, Get, Inject, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { CASE_PROBLEMS, CaseProblem, CaseProblemsRepository } from '../../../../libs/persistence/src/operations/case-problems.repository';
import { ApiAuthenticated, ApiErrors } from '../common/error-response.dto';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../common/page-query.dto';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CaseProblemDto, CaseProblemPageDto } from './operations.response';

export class ListCaseProblemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'operations-cases-cursor', description: 'The nextCursor of a previous page of /operations/cases; any other value is a 400.' })
  declare cursor?: string;

  @ApiPropertyOptional({ enum: CASE_PROBLEMS, enumName: 'CaseProblem', description: 'Only cases with this problem; all problems when left out.' })
  @IsOptional()
  @IsIn(CASE_PROBLEMS, { message: `problem must be one of ${CASE_PROBLEMS.join(', ')}` })
  problem?: CaseProblem;
}

@ApiTags('operations')
@ApiAuthenticated()
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly problems: CaseProblemsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * For HSF's operators (the platform role `operator`): cases whose workflow keeps failing or has stopped moving,
   * oldest first, each with a link to its workflow in the Temporal UI. A case whose own data could not be written
   * is not here: its operator's task (case_data_fault) is in the operator's inbox.
   */
  @Get('cases')
  @Roles('operator')
  @Audit('operations.cases.read')
  @ApiOperation({ summary: "Stuck and failing cases for HSF's operators: a failing activity, a failing workflow task, or no progress past a deadline" })
  @ApiOkResponse({ type: CaseProblemPageDto })
  @ApiErrors(400)
  async list(@Ctx() ctx: RequestContext, @Query() q: ListCaseProblemsQueryDto): Promise<CaseProblemPageDto> {
    ctx.audit.detail = { problem: q.problem ?? 'all' };
    const page = await this.problems.list({
      problem: q.problem,
      now: new Date(),
      stalledGraceMs: durationMs(this.config.OPERATIONS_STALLED_GRACE),
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      cursor: q.cursor,
    });
    const ui = `${this.config.temporalUiOrigin}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/`;
    return { ...page, items: page.items.map((r): CaseProblemDto => ({ ...r, temporalUiUrl: ui + encodeURIComponent(r.workflowId) })) };
  }
}

@Module({ controllers: [OperationsController] })
export class OperationsModule {}
