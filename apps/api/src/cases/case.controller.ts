import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { uuidParam } from '../common/params';
import { ListCasesQueryDto } from './case.dto';
import { CaseService } from './case.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(private readonly service: CaseService) {}

  @Get()
  @ApiOperation({ summary: "Cases the caller's organisation is party to, newest first, cursor-paginated" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCasesQueryDto) {
    return this.service.list(principal, query);
  }

  @Get(':caseId')
  @Audit('case.read')
  @ApiOperation({ summary: 'One case: type, status, parties, what it waits for, open tasks and its timeline' })
  get(@Ctx() ctx: RequestContext, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.get(ctx, caseId);
  }
}
