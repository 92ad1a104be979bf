import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { codeParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { AgreementDecisionDto, AgreementNoticeDto, CorrectLpikDto, RegisterLpikDto } from './agreement.dto';
import { AgreementService } from './agreement.service';
import { CoverageQueryDto, DesignateCoordinatorDto } from './area.dto';
import { AreaService } from './area.service';

@ApiTags('coordination')
@ApiBearerAuth()
@Controller()
export class CoordinationController {
  constructor(
    private readonly areas: AreaService,
    private readonly agreement: AgreementService,
  ) {}

  @Get('coordination/areas')
  @ApiOperation({ summary: 'Coverage on a date (default today): every area in force, its coordinating vårdcentral, status, SLSO contact, overdue tasks; uncovered first' })
  coverage(@Query() query: CoverageQueryDto) {
    return this.areas.coverage(query.date);
  }

  @Get('coordination/areas/:areaCode')
  @Audit('case.read')
  @ApiOperation({ summary: "An area's case: its vårdcentral, onboarding, history and timeline (the area's parties only)" })
  area(@Ctx() ctx: RequestContext, @Param('areaCode', codeParam('areaCode')) areaCode: string) {
    return this.areas.state(ctx, areaCode);
  }

  @Post('coordination/areas/:areaCode/designations')
  @HttpCode(200)
  @Roles('approver')
  @Audit('coordination.designate')
  @ApiOperation({ summary: "HSN designates the area's coordinating vårdcentral (or another one: handover without a gap)" })
  designate(@Ctx() ctx: RequestContext, @Param('areaCode', codeParam('areaCode')) areaCode: string, @Body() dto: DesignateCoordinatorDto) {
    return this.areas.designate(ctx, areaCode, dto);
  }

  @Post('coordination/areas/:areaCode/succession')
  @HttpCode(200)
  @Roles('approver')
  @Audit('coordination.succession')
  @ApiOperation({ summary: "HSN opens the case of an area formed by merging areas: their common vårdcentral carries over, or HSN designates one" })
  succession(@Ctx() ctx: RequestContext, @Param('areaCode', codeParam('areaCode')) areaCode: string) {
    return this.areas.succession(ctx, areaCode);
  }

  @Get('coordination/agreement')
  @Audit('agreement.read')
  @ApiOperation({ summary: 'The HSN–SLSO support agreement: decisions, effective date, years, payments, notice' })
  agreementState(@Ctx() ctx: RequestContext) {
    return this.agreement.state(ctx);
  }

  @Post('coordination/agreement/decisions')
  @HttpCode(200)
  @Roles('approver')
  @Audit('agreement.decide')
  @ApiOperation({ summary: "HSN's or SLSO's decision on the agreement (any order); HSN's signatory needs the right or a delegation" })
  decide(@Ctx() ctx: RequestContext, @Body() dto: AgreementDecisionDto) {
    return this.agreement.decide(ctx, dto);
  }

  @Post('coordination/agreement/notice')
  @HttpCode(200)
  @Roles('approver')
  @Audit('agreement.notice')
  giveNotice(@Ctx() ctx: RequestContext, @Body() dto: AgreementNoticeDto) {
    return this.agreement.giveNotice(ctx, dto);
  }

  @Get('indices/lpik')
  @ApiOperation({ summary: 'LPIK excluding pharmaceuticals, per year' })
  lpik() {
    return this.agreement.listLpik();
  }

  @Put('indices/lpik/:year')
  @Roles('reference_admin')
  @Audit('lpik.register')
  @ApiOperation({ summary: "Register a year's LPIK, once (reference_admin at HSF); an agreement waiting for it goes on" })
  registerLpik(@Ctx() ctx: RequestContext, @Param('year', ParseIntPipe) year: number, @Body() dto: RegisterLpikDto) {
    return this.agreement.registerLpik(ctx, year, dto.percent);
  }

  @Post('indices/lpik/:year/corrections')
  @HttpCode(200)
  @Roles('reference_admin')
  @Audit('lpik.correct')
  @ApiOperation({ summary: "Correct a registered year's LPIK, with a reason (reference_admin at HSF); audited with the old and new value" })
  correctLpik(@Ctx() ctx: RequestContext, @Param('year', ParseIntPipe) year: number, @Body() dto: CorrectLpikDto) {
    return this.agreement.correctLpik(ctx, year, dto.percent, dto.reason);
  }
}
