import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../../../libs/auth/src/auth.decorators';
import type { Principal } from '../../../../libs/auth/src/principal';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { IDEMPOTENCY_KEY_SCHEMA, idempotencyKey } from '../common/idempotency-key';
import { ApiUuidParam, uuidParam } from '../common/params';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { ClaimContentDto, ListClaimsQueryDto, StartClaimDto, WithdrawClaimDto } from './claim.dto';
import { ClaimPageDto, ClaimStartedDto, ClaimStateDto } from './claim.response';
import { ClaimService } from './claim.service';

@ApiTags('claims')
@ApiAuthenticated()
@Controller('claims')
export class ClaimController {
  constructor(private readonly service: ClaimService) {}

  @Post()
  @Roles('case_handler')
  @Audit('claim.open')
  @ApiOperation({ summary: "Open a draft claim of extra costs under a mandate (the mandate's payee, e.g. SLSO)" })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key returns the same claim.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiCreatedResponse({ type: ClaimStartedDto, description: 'The claim was opened as a draft.' })
  @ApiOkResponse({ type: ClaimStartedDto, description: 'This Idempotency-Key opened the claim before: the same claim again.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 409, 422, 503)
  async start(@Ctx() ctx: RequestContext, @Body() dto: StartClaimDto, @Headers('Idempotency-Key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const started = await this.service.start(ctx, dto, idempotencyKey(key, true));
    res.status(started.replayed ? 200 : 201);
    return started;
  }

  @Get()
  @ApiOperation({ summary: "The newest claims the caller's organisation is party to (handlers, approvers, finance staff and coordinators), a page at a time" })
  @ApiOkResponse({ type: ClaimPageDto })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListClaimsQueryDto) {
    return this.service.list(principal, query);
  }

  @Get(':claimId')
  @Audit('claim.read')
  @ApiOperation({ summary: 'The claim with its revisions, reviews, approval and payment (its parties only)' })
  @ApiUuidParam('claimId')
  @ApiOkResponse({ type: ClaimStateDto })
  @ApiErrors(400, 404, 503)
  state(@Ctx() ctx: RequestContext, @Param('claimId', uuidParam('claimId')) claimId: string) {
    return this.service.state(ctx, claimId);
  }

  @Put(':claimId/draft')
  @Roles('case_handler')
  @Audit('claim.edit_draft')
  @ApiOperation({ summary: 'Replace the draft: period and cost lines (until it is submitted)' })
  @ApiUuidParam('claimId')
  @ApiOkResponse({ type: ClaimStateDto, description: 'The claim after the edit.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  editDraft(@Ctx() ctx: RequestContext, @Param('claimId', uuidParam('claimId')) claimId: string, @Body() dto: ClaimContentDto) {
    return this.service.editDraft(ctx, claimId, dto);
  }

  @Post(':claimId/submit')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('claim.submit')
  @ApiOperation({ summary: 'Submit the draft: it is frozen and goes to HSF for review' })
  @ApiUuidParam('claimId')
  @ApiOkResponse({ type: ClaimStateDto, description: 'The claim after submitting.' })
  @ApiErrors(400, 403, 404, 409, 422, 503)
  submit(@Ctx() ctx: RequestContext, @Param('claimId', uuidParam('claimId')) claimId: string) {
    return this.service.submit(ctx, claimId);
  }

  @Post(':claimId/withdraw')
  @HttpCode(200)
  @Roles('case_handler')
  @Audit('claim.withdraw')
  @ApiOperation({ summary: 'Withdraw the claim (before it is approved)' })
  @ApiUuidParam('claimId')
  @ApiOkResponse({ type: ClaimStateDto, description: 'The claim after withdrawing.' })
  @ApiJsonBodyErrors()
  @ApiErrors(403, 404, 409, 422, 503)
  withdraw(@Ctx() ctx: RequestContext, @Param('claimId', uuidParam('claimId')) claimId: string, @Body() dto: WithdrawClaimDto) {
    return this.service.withdraw(ctx, claimId, dto);
  }
}
