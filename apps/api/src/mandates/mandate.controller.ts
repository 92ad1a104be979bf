import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { noQueryParameters, uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CreateMandateDto } from './mandate.dto';
import { MandateService } from './mandate.service';

@ApiTags('mandates')
@ApiBearerAuth()
@Controller('mandates')
export class MandateController {
  constructor(private readonly service: MandateService) {}

  @Get()
  @ApiOperation({
    summary:
      "Mandates: the decisions that make costs reimbursable. The register's keeper (register_admin at HSF) sees all; others the mandates their organisation pays, receives or accounts for",
  })
  list(@CurrentPrincipal() principal: Principal, @Query(noQueryParameters) _query: undefined) {
    return this.service.list(principal);
  }

  @Post()
  @Roles('register_admin')
  @Audit('mandate.create')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateMandateDto) {
    return this.service.create(ctx, dto);
  }

  @Get(':mandateId/summary')
  @ApiOperation({ summary: 'Claimed, approved, paid and outstanding per category (payer, payee and HSF finance: their handlers, approvers, finance staff and coordinators)' })
  summary(@CurrentPrincipal() principal: Principal, @Param('mandateId', uuidParam('mandateId')) id: string) {
    return this.service.summary(principal, id);
  }
}
