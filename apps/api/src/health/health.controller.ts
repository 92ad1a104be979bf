import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../../../libs/auth/src/auth.decorators';
import { NotRateLimited } from '../common/rate-limit';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Public()
@NotRateLimited()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  alive() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Temporal and a polling worker; 503 names the failing part' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgresql', { timeout: 3_000 }),
      () => this.temporal.reachable(),
      () => this.temporal.workerPolling(),
    ]);
  }
}
