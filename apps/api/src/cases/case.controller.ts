import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { ApiAuthenticated, ApiErrors } from '../common/error-response.dto';
import { ApiUuidParam, uuidParam } from '../common/params';
import { CaseDetailDto, CasePageDto } from './case.response';
import { ListCasesQueryDto } from './case.dto';
import { CaseService } from './case.service';

@ApiTags('cases')
@ApiAuthenticated()
@Controller('cases')
export class CaseController {
  constructor(private readonly service: CaseService) {}

  @Get()
  @ApiOperation({ summary: "Cases the caller's organisation is party to, newest first, cursor-paginated" })
  @ApiOkResponse({ type: CasePageDto })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCasesQueryDto) {
    return this.service.list(principal, query);
  }

  @Get(':caseId')
  @Audit('case.read')
  @ApiOperation({ summary: 'One case: type, status, parties, what it waits for, open tasks and its timeline' })
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 404)
  get(@Ctx() ctx: RequestContext, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.get(ctx, caseId);
  }
}
