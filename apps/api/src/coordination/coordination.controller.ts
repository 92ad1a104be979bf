import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { ApiCodeParam, codeParam, yearParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { AgreementDecisionDto, AgreementNoticeDto, CorrectLpikDto, RegisterLpikDto } from './agreement.dto';
import { AgreementService } from './agreement.service';
import { CoverageQueryDto, DesignateCoordinatorDto } from './area.dto';
import { AreaService } from './area.service';
import { AgreementStateDto, AreaCoverageDto, AreaStateDto, LpikCorrectedDto, LpikIndexDto, LpikRegisteredDto, UndesignatedAreaDto } from './coordination.response';

const LPIK_YEAR = ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2021, maximum: 2100 } });
const AREA_CODE = ApiCodeParam('areaCode', '0125', 'A municipality code, or a Stockholm city district.');

@ApiTags('coordination')
@ApiAuthenticated()
@ApiExtraModels(AreaStateDto, UndesignatedAreaDto)
@Controller()
export class CoordinationController {
  constructor(
    private readonly areas: AreaService,
    private readonly agreement: AgreementService,
  ) {}

  @Get('coordination/areas')
  @ApiOperation({ summary: 'Coverage on a date (default today): every area in force, its coordinating vårdcentral, status, SLSO contact, overdue tasks; uncovered first' })
  @ApiOkResponse({ type: AreaCoverageDto, isArray: true })
  @ApiErrors(400)
  coverage(@Query() query: CoverageQueryDto) {
    return this.areas.coverage(query.date);
  }

  @Get('coordination/areas/:areaCode')
  @Audit('case.read')
  @ApiOperation({ summary: "An area's case: its vårdcentral, onboarding, history and timeline (the area's parties only)" })
  @AREA_CODE
  @ApiOkResponse({
    description: "The area's case; an area nobody was ever designated for has none yet (status none).",
    schema: { anyOf: [{ $ref: getSchemaPath(AreaStateDto) }, { $ref: getSchemaPath(UndesignatedAreaDto) }] },
  })
  @ApiErrors(400, 404, 503)
  area(@Ctx() ctx: RequestContext, @Param('areaCode', codeParam('areaCode')) areaCode: string) {
    return this.areas.state(ctx, areaCode);
  }

  @Post('coordination/areas/:areaCode/designations')
  @HttpCode(200)
  @Roles('approver')
  @Audit('coordination.designate')
  @ApiOperation({ summary: "HSN designates the area's coordinating vårdcentral (or another one: handover without a gap)" })
  @AREA_CODE
  @ApiOkResponse({ type: AreaStateDto, description: "The area's case after the designation." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  designate(@Ctx() ctx: RequestContext, @Param('areaCode', codeParam('areaCode')) areaCode: string, @Body() dto: DesignateCoordinatorDto) {
    return this.areas.designate(ctx, areaCode, dto);
  }

  @Post('coordination/areas/:areaCode/succession')
  @HttpCode(200)
  @Roles('approver')
  @Audit('coordination.succession')
  @ApiOperation({ summary: "HSN opens the case of an area formed by merging areas: their common vårdcentral carries over, or HSN designates one" })
  @AREA_CODE
  @ApiOkResponse({ type: AreaStateDto, description: "The new area's case." })
  @ApiErrors(400, 403, 404, 409, 422, 503)
  succession(@Ctx() ctx: RequestContext, @Param('areaCode', codeParam('areaCode')) areaCode: string) {
    return this.areas.succession(ctx, areaCode);
  }

  @Get('coordination/agreement')
  @Audit('agreement.read')
  @ApiOperation({ summary: 'The HSN–SLSO support agreement: decisions, effective date, years, payments, notice' })
  @ApiOkResponse({ type: AgreementStateDto })
  @ApiErrors(404, 503)
  agreementState(@Ctx() ctx: RequestContext) {
    return this.agreement.state(ctx);
  }

  @Post('coordination/agreement/decisions')
  @HttpCode(200)
  @Roles('approver')
  @Audit('agreement.decide')
  @ApiOperation({ summary: "HSN's or SLSO's decision on the agreement (any order); HSN's signatory needs the right or a delegation" })
  @ApiOkResponse({ type: AgreementStateDto, description: 'The agreement after the decision.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  decide(@Ctx() ctx: RequestContext, @Body() dto: AgreementDecisionDto) {
    return this.agreement.decide(ctx, dto);
  }

  @Post('coordination/agreement/notice')
  @HttpCode(200)
  @Roles('approver')
  @Audit('agreement.notice')
  @ApiOperation({ summary: 'HSN or SLSO gives notice: the agreement ends after the notice period' })
  @ApiOkResponse({ type: AgreementStateDto, description: 'The agreement after the notice.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  giveNotice(@Ctx() ctx: RequestContext, @Body() dto: AgreementNoticeDto) {
    return this.agreement.giveNotice(ctx, dto);
  }

  @Get('indices/lpik')
  @ApiOperation({ summary: 'LPIK excluding pharmaceuticals, per year' })
  @ApiOkResponse({ type: LpikIndexDto, isArray: true })
  lpik() {
    return this.agreement.listLpik();
  }

  @Put('indices/lpik/:year')
  @Roles('reference_admin')
  @Audit('lpik.register')
  @ApiOperation({ summary: "Register a year's LPIK, once (reference_admin at HSF); an agreement waiting for it goes on" })
  @LPIK_YEAR
  @ApiOkResponse({ type: LpikRegisteredDto, description: 'Registered (or the same value again: a harmless repeat).' })
  @ApiJsonBodyErrors()
  @ApiErrors(404, 409, 503)
  registerLpik(@Ctx() ctx: RequestContext, @Param('year', yearParam()) year: number, @Body() dto: RegisterLpikDto) {
    return this.agreement.registerLpik(ctx, year, dto.percent);
  }

  @Post('indices/lpik/:year/corrections')
  @HttpCode(200)
  @Roles('reference_admin')
  @Audit('lpik.correct')
  @ApiOperation({ summary: "Correct a registered year's LPIK, with a reason (reference_admin at HSF); audited with the old and new value" })
  @LPIK_YEAR
  @ApiOkResponse({ type: LpikCorrectedDto })
  @ApiJsonBodyErrors()
  @ApiErrors(404, 409)
  correctLpik(@Ctx() ctx: RequestContext, @Param('year', yearParam()) year: number, @Body() dto: CorrectLpikDto) {
    return this.agreement.correctLpik(ctx, year, dto.percent, dto.reason);
  }
}
