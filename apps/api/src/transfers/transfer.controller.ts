import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { REINFORCEMENT_CATEGORIES } from '../../../../libs/domain/src/transfers/reinforcement.rules';
import { CARE_LEVELS, CareLevel } from '../../../../libs/domain/src/transfers/transfer.types';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { IDEMPOTENCY_KEY_SCHEMA, idempotencyKey } from '../common/idempotency-key';
import { ApiCodeParam, ApiUuidParam, codeParam, uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { invalidInput } from '../common/validation';
import { CancelTransferDto, DeclareCapacityDto, HealthcareRegionDto, ReportQueryDto, SetPoolDto, StartReinforcementDto, StartTransferDto } from './transfer.dto';
import { CapacityRowDto, HealthcareRegionSetDto, PoolRowDto, ReinforcementStartedDto, ReinforcementStateDto, TransferReportDto, TransferStartedDto, TransferStateDto } from './transfer.response';
import { reportCsv, TransferService } from './transfer.service';

const enumParam = <T extends string>(name: string, values: readonly T[]) => ({
  transform(value: unknown): T {
    if ((values as readonly unknown[]).includes(value)) return value as T;
    throw invalidInput([{ field: name, message: `${name} must be one of ${values.join(', ')}` }]);
  },
});

@ApiTags('transfers')
@ApiAuthenticated()
@Controller()
export class TransferController {
  constructor(private readonly service: TransferService) {}

  @Post('transfers')
  @Roles('coordinator')
  @Audit('transfer.request')
  @ApiOperation({ summary: "A region's coordinator asks for a transfer of patients to another region (their references stay the region's own)" })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same request.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiCreatedResponse({ type: TransferStartedDto })
  @ApiOkResponse({ type: TransferStartedDto, description: 'This Idempotency-Key made the request before: the same request again.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 409, 422, 503)
  async start(@Ctx() ctx: RequestContext, @Body() dto: StartTransferDto, @Headers('Idempotency-Key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const started = await this.service.start(ctx, dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get('transfers/capacity')
  @Roles('coordinator')
  @ApiOperation({ summary: "Declared free beds per care level and what transfers have reserved: a region its own, Socialstyrelsen every region's" })
  @ApiOkResponse({ type: CapacityRowDto, isArray: true })
  @ApiErrors(403)
  capacity(@CurrentPrincipal() p: Principal) {
    return this.service.capacity(p);
  }

  @Put('transfers/capacity/:careLevel')
  @Roles('coordinator')
  @Audit('transfer.declare_capacity')
  @ApiOperation({ summary: 'A region declares its free beds of a care level for transfers (never below what is reserved)' })
  @ApiParam({ name: 'careLevel', enum: CARE_LEVELS })
  @ApiOkResponse({ type: CapacityRowDto })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 409, 422)
  declare(@CurrentPrincipal() p: Principal, @Param('careLevel', enumParam('careLevel', CARE_LEVELS)) careLevel: CareLevel, @Body() dto: DeclareCapacityDto) {
    return this.service.declareCapacity(p, careLevel, dto.beds);
  }

  @Put('transfers/healthcare-regions/:region')
  @Roles('register_admin')
  @Audit('transfer.set_healthcare_region')
  @ApiOperation({ summary: "Correct which healthcare region (sjukvårdsregion) a region belongs to: the proposal's distance class" })
  @ApiCodeParam('region', '13')
  @ApiOkResponse({ type: HealthcareRegionSetDto, description: 'The region and its healthcare region.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 422)
  healthcareRegion(@CurrentPrincipal() p: Principal, @Param('region', codeParam('region')) region: string, @Body() dto: HealthcareRegionDto) {
    return this.service.setHealthcareRegion(p, region, dto.healthcareRegion);
  }

  @Get('transfers/report')
  @Roles('coordinator')
  @Audit('transfer.report')
  @ApiOperation({ summary: "The report to the Ministry for a period: transfers per sending and receiving region, median times to acceptance and admission, reinforcements allocated (JSON or CSV)" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TransferReportDto })
  @ApiErrors(400, 403)
  async report(@CurrentPrincipal() p: Principal, @Query() q: ReportQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.service.report(p, q);
    if (q.format !== 'csv') return report;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="transfers-${q.from}-${q.to}.csv"`);
    return reportCsv(report);
  }

  @Get('transfers/:requestId')
  @Audit('transfer.read')
  @ApiOperation({ summary: 'A transfer request for its parties: the sending region, Socialstyrelsen, and the regions that received an offer' })
  @ApiUuidParam('requestId')
  @ApiOkResponse({ type: TransferStateDto })
  @ApiErrors(400, 403, 404, 503)
  state(@Ctx() ctx: RequestContext, @Param('requestId', uuidParam('requestId')) requestId: string) {
    return this.service.state(ctx, requestId);
  }

  @Post('transfers/:requestId/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @Audit('transfer.cancel')
  @ApiOperation({ summary: 'The sending region cancels before departure (the patient died or recovered): every offer and bed is released' })
  @ApiUuidParam('requestId')
  @ApiOkResponse({ type: TransferStateDto })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  cancel(@Ctx() ctx: RequestContext, @Param('requestId', uuidParam('requestId')) requestId: string, @Body() dto: CancelTransferDto) {
    return this.service.cancel(ctx, requestId, dto);
  }

  @Post('reinforcements')
  @Roles('coordinator')
  @Audit('reinforcement.request')
  @ApiOperation({ summary: 'A region asks for national reinforcement: staff or equipment by category and quantity' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same request.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiCreatedResponse({ type: ReinforcementStartedDto })
  @ApiOkResponse({ type: ReinforcementStartedDto, description: 'This Idempotency-Key made the request before.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 409, 422, 503)
  async startReinforcement(@Ctx() ctx: RequestContext, @Body() dto: StartReinforcementDto, @Headers('Idempotency-Key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const started = await this.service.startReinforcement(ctx, dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get('reinforcements/pool')
  @Roles('coordinator')
  @ApiOperation({ summary: 'What the national pool has left per category' })
  @ApiOkResponse({ type: PoolRowDto, isArray: true })
  @ApiErrors(403)
  pool(@CurrentPrincipal() p: Principal) {
    return this.service.pool(p);
  }

  @Put('reinforcements/pool/:category')
  @Roles('coordinator')
  @Audit('reinforcement.set_pool')
  @ApiOperation({ summary: "Socialstyrelsen sets what the national pool has of a category" })
  @ApiParam({ name: 'category', enum: REINFORCEMENT_CATEGORIES })
  @ApiOkResponse({ type: PoolRowDto })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 422)
  setPool(@CurrentPrincipal() p: Principal, @Param('category', enumParam('category', REINFORCEMENT_CATEGORIES)) category: string, @Body() dto: SetPoolDto) {
    return this.service.setPool(p, category, dto.available);
  }

  @Get('reinforcements/:requestId')
  @Audit('reinforcement.read')
  @ApiOperation({ summary: 'A reinforcement request for its parties (the region and Socialstyrelsen)' })
  @ApiUuidParam('requestId')
  @ApiOkResponse({ type: ReinforcementStateDto })
  @ApiErrors(400, 403, 404, 503)
  reinforcement(@Ctx() ctx: RequestContext, @Param('requestId', uuidParam('requestId')) requestId: string) {
    return this.service.reinforcement(ctx, requestId);
  }
}
