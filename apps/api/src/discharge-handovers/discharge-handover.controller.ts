import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Response } from 'express';
import { idempotencyKey } from '../common/idempotency-key';
import { uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import {
  CancelDischargeHandoverDto,
  CaseStartedDto,
  ChangeEstimatedDischargeDateDto,
  DeclareReadyForDischargeDto,
  RecordDischargeDto,
  RevokeReadyForDischargeDto,
  StartDischargeHandoverDto,
} from './discharge-handover.dto';
import { DischargeHandoverService } from './discharge-handover.service';

const optionalKey = { name: 'Idempotency-Key', required: false, description: 'Makes a retried request apply once.' };

@ApiTags('discharge-handovers')
@ApiBearerAuth()
@Controller('discharge-handovers')
export class DischargeHandoverController {
  constructor(private readonly service: DischargeHandoverService) {}

  @Post()
  @Roles('case_handler')
  @Audit('discharge.open')
  @ApiOperation({ summary: 'Open a discharge handover case (inskrivningsmeddelande)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same case.' })
  async start(
    @Ctx() ctx: RequestContext,
    @Body() dto: StartDischargeHandoverDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseStartedDto> {
    const started = await this.service.start(ctx, dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get(':caseId')
  @Audit('case.read')
  @ApiOperation({ summary: "The case's live state, queried from its workflow (its parties only)" })
  state(@Ctx() ctx: RequestContext, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.state(ctx, caseId);
  }

  @Get(':caseId/summary')
  @Audit('case.read_summary')
  @ApiOperation({ summary: "The patient's written summary: fast vårdkontakt, planned SIP date, who to call" })
  summary(@Ctx() ctx: RequestContext, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.summary(ctx, caseId);
  }

  @Put(':caseId/estimated-discharge-date')
  @Roles('case_handler')
  @Audit('discharge.change_estimated_date')
  @ApiHeader(optionalKey)
  changeEstimatedDischargeDate(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: ChangeEstimatedDischargeDateDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.changeEstimatedDischargeDate(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/ready-for-discharge')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.declare_ready')
  @ApiOperation({ summary: 'Declare the patient ready for discharge (utskrivningsklar): the notice goes out now, and its deadlines count from now' })
  @ApiHeader(optionalKey)
  declareReadyForDischarge(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: DeclareReadyForDischargeDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.declareReadyForDischarge(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/revoke-ready')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.revoke_ready')
  @ApiOperation({ summary: 'The patient is no longer ready: parties are told at once and the clocks stop' })
  @ApiHeader(optionalKey)
  revokeReadyForDischarge(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: RevokeReadyForDischargeDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.revokeReadyForDischarge(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/discharge')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.record')
  @ApiOperation({ summary: "Record the discharge; 409 naming the missing steps until the routine's checklist (primary care's kvittens, fast vårdkontakt, SIP call if needed, takeover) and, with municipal needs, the municipal decision" })
  @ApiHeader(optionalKey)
  recordDischarge(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: RecordDischargeDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.recordDischarge(ctx, caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/cancel')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('discharge.cancel')
  @ApiHeader(optionalKey)
  cancel(
    @Ctx() ctx: RequestContext,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CancelDischargeHandoverDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.cancel(ctx, caseId, dto, idempotencyKey(key, false));
  }
}
