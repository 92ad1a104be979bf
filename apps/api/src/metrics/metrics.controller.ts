import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../../../libs/auth/src/auth.decorators';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { ApiErrors } from '../common/error-response.dto';
import { ApiMetrics } from './api-metrics';
import { bearerMatches, isLoopback } from './metrics-access';

@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Not the API's bearer tokens: with METRICS_TOKEN set, a bearer token equal to it; without, only callers on this
   * machine (the client address, through HTTP_TRUSTED_PROXIES' proxies), and to anyone else the route is not there.
   */
  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics of this API process (text exposition format)',
    description:
      'With METRICS_TOKEN set, needs `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). Without it, answers ' +
      'loopback callers only; any other caller gets a 404. Series: `vardflode_*` (see README, Metrics).',
  })
  @ApiOkResponse({ description: 'The series, in the Prometheus text format 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(401, 404, 429)
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (token !== undefined) {
      if (!bearerMatches(req.headers.authorization, token)) {
        throw new DomainError(DomainErrorCode.Unauthenticated, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
      }
    } else if (!isLoopback(req.ip)) {
      // As if the route were not there: what the router answers for a path it does not know.
      throw new NotFoundException(`Cannot GET ${req.path}`);
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.metrics.render();
  }
}
