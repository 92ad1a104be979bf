import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { idempotencyKey } from '../common/idempotency-key';
import { uuidParam } from '../common/params';
import {
  CancelDischargeHandoverDto,
  CaseStartedDto,
  ChangeEstimatedDischargeDateDto,
  DeclareReadyForDischargeDto,
  StartDischargeHandoverDto,
} from './discharge-handover.dto';
import { DischargeHandoverService } from './discharge-handover.service';

const optionalKey = { name: 'Idempotency-Key', required: false, description: 'Makes a retried request apply once.' };

@ApiTags('discharge-handovers')
@Controller('discharge-handovers')
export class DischargeHandoverController {
  constructor(private readonly service: DischargeHandoverService) {}

  @Post()
  @ApiOperation({ summary: 'Open a discharge handover case (inskrivningsmeddelande)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same case.' })
  async start(
    @Body() dto: StartDischargeHandoverDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseStartedDto> {
    const started = await this.service.start(dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get(':caseId')
  @ApiOperation({ summary: "The case's live state, queried from its workflow" })
  state(@Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.service.state(caseId);
  }

  @Put(':caseId/estimated-discharge-date')
  @ApiHeader(optionalKey)
  changeEstimatedDischargeDate(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: ChangeEstimatedDischargeDateDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.changeEstimatedDischargeDate(caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/ready-for-discharge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare the patient ready for discharge (utskrivningsklar)' })
  @ApiHeader(optionalKey)
  declareReadyForDischarge(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: DeclareReadyForDischargeDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.declareReadyForDischarge(caseId, dto, idempotencyKey(key, false));
  }

  @Post(':caseId/cancel')
  @HttpCode(200)
  @ApiHeader(optionalKey)
  cancel(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CancelDischargeHandoverDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.cancel(caseId, dto, idempotencyKey(key, false));
  }
}
