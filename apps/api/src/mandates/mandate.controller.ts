import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { ApiUuidParam, noQueryParameters, uuidParam } from '../common/params';
import { MandateDto, MandateSummaryDto } from './mandate.response';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CreateMandateDto } from './mandate.dto';
import { MandateService } from './mandate.service';

@ApiTags('mandates')
@ApiAuthenticated()
@Controller('mandates')
export class MandateController {
  constructor(private readonly service: MandateService) {}

  @Get()
  @ApiOperation({
    summary:
      "Mandates: the decisions that make costs reimbursable. The register's keeper (register_admin at HSF) sees all; others the mandates their organisation pays, receives or accounts for",
  })
  @ApiOkResponse({ type: MandateDto, isArray: true })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query(noQueryParameters) _query: undefined) {
    return this.service.list(principal);
  }

  @Post()
  @Roles('register_admin')
  @Audit('mandate.create')
  @ApiOperation({ summary: 'Register a mandate (register_admin at HSF): its reference, validity, payer, payee and ceiling' })
  @ApiCreatedResponse({ type: MandateDto })
  @ApiJsonBodyErrors()
  @ApiErrors(409, 422)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateMandateDto) {
    return this.service.create(ctx, dto);
  }

  @Get(':mandateId/summary')
  @ApiOperation({ summary: 'Claimed, approved, paid and outstanding per category (payer, payee and HSF finance: their handlers, approvers, finance staff and coordinators)' })
  @ApiUuidParam('mandateId')
  @ApiOkResponse({ type: MandateSummaryDto })
  @ApiErrors(400, 404)
  summary(@CurrentPrincipal() principal: Principal, @Param('mandateId', uuidParam('mandateId')) id: string) {
    return this.service.summary(principal, id);
  }
}
