import { DynamicModule, ExecutionContext, Injectable } from '@nestjs/common';
import { SkipThrottle, ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../../../libs/config/src/app-config';

const MINUTE_MS = 60_000;

/** The named limits; `@SkipThrottle()` alone would skip only a limit named 'default'. */
const LIMITS = ['token', 'ip'] as const;

/** Exempts a controller or route from both limits (health probes). */
export const NotRateLimited = () => SkipThrottle(Object.fromEntries(LIMITS.map((name) => [name, true])));

/** The bearer token as sent (unverified: the throttler runs before authentication), or undefined. */
function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Two limits over a sliding minute, kept in this process's memory: one per bearer token (a hash of it, so a forged
 * `sub` cannot spend someone else's budget) and one per client IP, which also counts requests without a token or
 * with a bad one. A request over either limit gets 429 with Retry-After. Health probes are exempt (@SkipThrottle).
 */
export function rateLimitModule(config: AppConfig): DynamicModule {
  return ThrottlerModule.forRoot({
    throttlers: [
      {
        name: LIMITS[0],
        ttl: MINUTE_MS,
        limit: config.RATE_LIMIT_PER_TOKEN_PER_MINUTE,
        skipIf: (context) => bearerToken(context.switchToHttp().getRequest<Request>()) === undefined,
        getTracker: (req) => sha256(bearerToken(req as Request) ?? ''),
      },
      { name: LIMITS[1], ttl: MINUTE_MS, limit: config.RATE_LIMIT_PER_IP_PER_MINUTE },
    ],
    // One budget over all routes, not one per route (the library's default key names the handler).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    // Retry-After is set below without the throttler's name in it; no X-RateLimit-* headers.
    setHeaders: false,
    errorMessage: 'too many requests: wait the number of seconds in Retry-After',
  });
}

/** The throttler's guard, answering a refusal with a plain `Retry-After` header (seconds). */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw new ThrottlerException(await this.getErrorMessage(context, detail));
  }
}
