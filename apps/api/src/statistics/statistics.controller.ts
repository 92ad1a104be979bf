import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { ApiAuthenticated, ApiErrors } from '../common/error-response.dto';
import { StatisticsQueryDto } from './statistics.dto';
import { ClaimStatisticsDto, DischargeDaysStatisticsDto, LiabilityStatisticsDto, SameDayStatisticsDto } from './statistics.response';
import { StatisticsService } from './statistics.service';

const DISCHARGE_READERS = 'Discharges of the cases the caller’s organisation is party to (case handlers and coordinators)';

@ApiTags('statistics')
@ApiAuthenticated()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly service: StatisticsService) {}

  @Get('discharges/same-day')
  @ApiOperation({ summary: `Share of patients discharged the same day they were judged ready, per month of discharge. ${DISCHARGE_READERS}` })
  @ApiOkResponse({ type: SameDayStatisticsDto })
  @ApiErrors(400, 403)
  sameDay(@CurrentPrincipal() principal: Principal, @Query() query: StatisticsQueryDto) {
    return this.service.sameDay(principal, query);
  }

  @Get('discharges/days-by-municipality')
  @ApiOperation({ summary: `Calendar days from ready to discharge per municipality. ${DISCHARGE_READERS}` })
  @ApiOkResponse({ type: DischargeDaysStatisticsDto })
  @ApiErrors(400, 403)
  dischargeDays(@CurrentPrincipal() principal: Principal, @Query() query: StatisticsQueryDto) {
    return this.service.dischargeDays(principal, query);
  }

  @Get('payment-liability')
  @ApiOperation({ summary: `Payment-liability days and amounts per month of discharge. ${DISCHARGE_READERS}` })
  @ApiOkResponse({ type: LiabilityStatisticsDto })
  @ApiErrors(400, 403)
  liability(@CurrentPrincipal() principal: Principal, @Query() query: StatisticsQueryDto) {
    return this.service.liability(principal, query);
  }

  @Get('claims')
  @ApiOperation({ summary: 'Reimbursement claims’ claimed, approved and paid amounts per cost category, by the month their period starts (the claims’ parties: handlers, approvers, finance, coordinators)' })
  @ApiOkResponse({ type: ClaimStatisticsDto })
  @ApiErrors(400, 403)
  claims(@CurrentPrincipal() principal: Principal, @Query() query: StatisticsQueryDto) {
    return this.service.claims(principal, query);
  }
}
