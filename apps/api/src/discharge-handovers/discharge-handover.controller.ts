import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Response } from 'express';
import { IDEMPOTENCY_KEY_SCHEMA, idempotencyKey } from '../common/idempotency-key';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { ApiUuidParam, uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import {
  CancelDischargeHandoverDto,
  ChangeEstimatedDischargeDateDto,
  DeclareReadyForDischargeDto,
  RecordDischargeDto,
  RevokeReadyForDischargeDto,
  StartDischargeHandoverDto,
} from './discharge-handover.dto';
import { CaseStartedDto, DischargeHandoverStateDto, DischargeSummaryDto } from './discharge-handover.response';
import { DischargeHandoverService } from './discharge-handover.service';

const optionalKey = { name: 'Idempotency-Key', required: false, description: 'Makes a retried request apply once.', schema: IDEMPOTENCY_KEY_SCHEMA };

@ApiTags('discharge-handovers')
@ApiAuthenticated()
@Controller('discharge-handovers')
export class DischargeHandoverController {
  constructor(private readonly service: DischargeHandoverService) {}

  @Post()
  @Roles('case_handler')
  @Audit('discharge.open')
  @ApiOperation({ summary: 'Open a discharge handover case (inskrivningsmeddelande)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same case.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiCreatedResponse({ type: CaseStartedDto, description: 'The case was opened.' })
  @ApiOkResponse({ type: CaseStartedDto, description: 'This Idempotency-Key opened the case before: the same case again.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 409, 422, 503)
  async start(
    @Ctx() ctx: RequestContext,
    @Body() dto: StartDischargeHandoverDto,
    @Headers('Idempotency-Key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseStartedDto> {
    const started = await this.service.start(ctx, dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get(':caseId')
  @Audit('case.read')
  @ApiOperation({ summary: "The case's live state, queried from its workflow (its parties only)" })
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeHandoverStateDto })
  @ApiErrors(400, 404, 503)
  state(@Ctx() ctx: RequestContext, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.state(ctx, caseId);
  }

  @Get(':caseId/summary')
  @Audit('case.read_summary')
  @ApiOperation({ summary: "The patient's written summary: fast vårdkontakt, planned SIP date, who to call" })
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeSummaryDto })
  @ApiErrors(400, 404, 503)
  summary(@Ctx() ctx: RequestContext, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.summary(ctx, caseId);
  }

  @Put(':caseId/estimated-discharge-date')
  @Roles('case_handler')
  @Audit('discharge.change_estimated_date')
  @ApiOperation({ summary: 'Change the estimated discharge date' })
  @ApiHeader(optionalKey)
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeHandoverStateDto, description: "The case's state after the request." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  changeEstimatedDischargeDate(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: ChangeEstimatedDischargeDateDto,
    @Headers('Idempotency-Key') key?: string,
  ) {
    return this.service.changeEstimatedDischargeDate(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/ready-for-discharge')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.declare_ready')
  @ApiOperation({ summary: 'Declare the patient ready for discharge (utskrivningsklar): the notice goes out now, and its deadlines count from now' })
  @ApiHeader(optionalKey)
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeHandoverStateDto, description: "The case's state after the request." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  declareReadyForDischarge(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: DeclareReadyForDischargeDto,
    @Headers('Idempotency-Key') key?: string,
  ) {
    return this.service.declareReadyForDischarge(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/revoke-ready')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.revoke_ready')
  @ApiOperation({ summary: 'The patient is no longer ready: parties are told at once and the clocks stop' })
  @ApiHeader(optionalKey)
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeHandoverStateDto, description: "The case's state after the request." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  revokeReadyForDischarge(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: RevokeReadyForDischargeDto,
    @Headers('Idempotency-Key') key?: string,
  ) {
    return this.service.revokeReadyForDischarge(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/discharge')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.record')
  @ApiOperation({ summary: "Record the discharge; 409 naming the missing steps until the routine's checklist (primary care's kvittens, fast vårdkontakt, SIP call if needed, takeover) and, with municipal needs, the municipal decision" })
  @ApiHeader(optionalKey)
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeHandoverStateDto, description: "The case's state after the request." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  recordDischarge(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: RecordDischargeDto,
    @Headers('Idempotency-Key') key?: string,
  ) {
    return this.service.recordDischarge(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/cancel')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.cancel')
  @ApiOperation({ summary: 'Cancel the case (the patient died, moved to other in-patient care, or it was opened in error)' })
  @ApiHeader(optionalKey)
  @ApiUuidParam('caseId')
  @ApiOkResponse({ type: DischargeHandoverStateDto, description: "The case's state after the request." })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  cancel(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CancelDischargeHandoverDto,
    @Headers('Idempotency-Key') key?: string,
  ) {
    return this.service.cancel(ctx, caseId, dto, idempotencyKey(key, false));
  }
}
