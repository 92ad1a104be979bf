import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { CreateMandateDto } from './mandate.dto';
import { MandateService } from './mandate.service';

@ApiTags('mandates')
@ApiBearerAuth()
@Controller('mandates')
export class MandateController {
  constructor(private readonly service: MandateService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Mandates: the decisions that make costs reimbursable (admin)' })
  list() {
    return this.service.list();
  }

  @Post()
  @Roles('admin')
  @Audit('mandate.create')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateMandateDto) {
    return this.service.create(ctx, dto);
  }

  @Get(':mandateId/summary')
  @ApiOperation({ summary: 'Claimed, approved, paid and outstanding per category (payer, payee and HSF finance)' })
  summary(@CurrentPrincipal() principal: Principal, @Param('mandateId', uuidParam('mandateId')) id: string) {
    return this.service.summary(principal, id);
  }
}
