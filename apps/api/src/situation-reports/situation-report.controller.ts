import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { IDEMPOTENCY_KEY_SCHEMA, idempotencyKey } from '../common/idempotency-key';
import { ApiCodeParam, ApiUuidParam, codeParam, uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { ListReportsQueryDto, ListRoundsQueryDto, ReviseReportDto, StartRoundDto, TrendQueryDto } from './situation-report.dto';
import { OrganisationReportDto, ReportPageDto, RoundPageDto, RoundStartedDto, SituationPictureDto, TrendDto } from './situation-report.response';
import { SituationReportService } from './situation-report.service';

@ApiTags('situation-reports')
@ApiAuthenticated()
@Controller('situation-reports')
export class SituationReportController {
  constructor(private readonly service: SituationReportService) {}

  @Post('rounds')
  @Roles('coordinator')
  @Audit('situation_report.open_round')
  @ApiOperation({ summary: "Start an extra reporting round (Socialstyrelsen's coordinators): a week, optionally some organisations and its own deadline" })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same round.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiCreatedResponse({ type: RoundStartedDto, description: 'The round was started: report tasks open when it opens.' })
  @ApiOkResponse({ type: RoundStartedDto, description: 'This Idempotency-Key started the round before: the same round again.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 409, 422, 503)
  async start(@Ctx() ctx: RequestContext, @Body() dto: StartRoundDto, @Headers('Idempotency-Key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const started = await this.service.start(ctx, dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get('rounds')
  @ApiOperation({ summary: 'Reporting rounds, newest week first: who is expected and how many reported (reporters see the rounds they report in)' })
  @ApiOkResponse({ type: RoundPageDto })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListRoundsQueryDto) {
    return this.service.list(principal, query);
  }

  @Get('trend')
  @ApiOperation({ summary: "Week by week from the published pictures: the country's or a county's absence, stock days, COVID-19 in-patients and intensive care" })
  @ApiOkResponse({ type: TrendDto })
  @ApiErrors(400, 403, 404)
  trend(@CurrentPrincipal() principal: Principal, @Query() query: TrendQueryDto) {
    return this.service.trend(principal, query);
  }

  @Get('rounds/:roundId/picture')
  @Audit('situation_report.read_picture')
  @ApiOperation({ summary: "The round's published picture per county and for the country, with who did not report and who revised" })
  @ApiUuidParam('roundId')
  @ApiOkResponse({ type: SituationPictureDto })
  @ApiErrors(400, 403, 404, 409)
  picture(@Ctx() ctx: RequestContext, @Param('roundId', uuidParam('roundId')) roundId: string) {
    return this.service.picture(ctx, roundId);
  }

  @Get('rounds/:roundId/reports')
  @Audit('situation_report.read_reports')
  @ApiOperation({ summary: "The latest raw report of each organisation in the caller's remit (its own; a county board its county's; Socialstyrelsen all)" })
  @ApiUuidParam('roundId')
  @ApiOkResponse({ type: ReportPageDto })
  @ApiErrors(400, 403, 404)
  reports(@Ctx() ctx: RequestContext, @Param('roundId', uuidParam('roundId')) roundId: string, @Query() query: ListReportsQueryDto) {
    return this.service.listReports(ctx, roundId, query);
  }

  @Get('rounds/:roundId/reports/:organisationCode')
  @Audit('situation_report.read_report')
  @ApiOperation({ summary: "One organisation's report in the round: every revision, and its shortages with the county board's answers" })
  @ApiUuidParam('roundId')
  @ApiCodeParam('organisationCode', '0114')
  @ApiOkResponse({ type: OrganisationReportDto })
  @ApiErrors(400, 403, 404)
  report(@Ctx() ctx: RequestContext, @Param('roundId', uuidParam('roundId')) roundId: string, @Param('organisationCode', codeParam('organisationCode')) organisationCode: string) {
    return this.service.report(ctx, roundId, organisationCode);
  }

  @Post('rounds/:roundId/reports')
  @HttpCode(200)
  @Roles('case_handler', 'coordinator')
  @Audit('situation_report.revise')
  @ApiOperation({ summary: "Correct the caller's organisation's report until the cut-off, or revise it after (the picture is computed again)" })
  @ApiUuidParam('roundId')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key applies once.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiOkResponse({ type: OrganisationReportDto, description: "The organisation's report with the new revision." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  revise(@Ctx() ctx: RequestContext, @Param('roundId', uuidParam('roundId')) roundId: string, @Body() dto: ReviseReportDto, @Headers('Idempotency-Key') key: string | undefined) {
    return this.service.revise(ctx, roundId, dto, idempotencyKey(key, false));
  }
}
