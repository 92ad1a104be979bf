import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { raw } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { MIMEType } from 'node:util';
import type { AppConfig } from '../../../../libs/config/src/app-config';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { parseStrictJson } from './strict-json';

/** The static Swagger UI and its JSON: the only responses that carry no personal data and may be cached. */
const DOCS = /^\/docs(-json)?(\/|$)/;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A body is there when its length is given and not 0, or it is chunked (as body-parser's type-is decides). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}

function unsupported(message: string): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message, field: 'Content-Type' });
}

/** 415 for a request body that is not application/json in UTF-8. A request without a body passes. */
export const requireJsonBodies: RequestHandler = (req, _res, next) => {
  if (!hasBody(req)) return next();
  let type: MIMEType | undefined;
  try {
    type = new MIMEType(req.headers['content-type'] ?? '');
  } catch {
    type = undefined;
  }
  if (type?.essence !== 'application/json') return next(unsupported('a request body must be application/json'));
  const charset = type.params.get('charset')?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return next(unsupported('a JSON request body must be UTF-8'));
  }
  next();
};

/**
 * Parses the raw JSON body (read by body-parser within HTTP_BODY_LIMIT_BYTES) with the strict parser: invalid
 * UTF-8, duplicate keys, prototype keys and nesting beyond HTTP_JSON_MAX_DEPTH are 400s naming the field.
 */
export function parseJsonBodies(maxDepth: number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!Buffer.isBuffer(req.body)) return next();
    try {
      let text: string;
      try {
        text = UTF8.decode(req.body);
      } catch {
        throw new DomainError(DomainErrorCode.InvalidInput, 'the body is not valid UTF-8');
      }
      // An empty body with a JSON type is an empty object, as express.json() has it.
      req.body = text.trim() === '' ? {} : parseStrictJson(text, maxDepth);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * The Content-Security-Policy of the API and the web app: scripts, styles, fonts and connections from the same
 * origin only, no inline script (nor inline style: React sets styles through the CSSOM, which a CSP allows), no
 * framing at all. No upgrade-insecure-requests: TLS ends at the proxy, and over plain http on 127.0.0.1 (npm start)
 * the upgrade would break every asset.
 */
export const APP_CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The web app's OIDC callback page, loaded in the sign-in popup (apps/web/src/auth/oidc.ts). */
export const OIDC_CALLBACK_PATH = '/oidc-callback';

/**
 * The CSP's directives for a deployment: with the web app's OIDC sign-in, the app also talks to the issuer (its
 * discovery document, keys and token endpoint), so the issuer's origin joins connect-src. Nothing else does.
 */
export function appCspDirectives(oidcIssuer?: string): Record<string, string[]> {
  if (!oidcIssuer) return APP_CSP_DIRECTIVES;
  return { ...APP_CSP_DIRECTIVES, 'connect-src': ["'self'", new URL(oidcIssuer).origin] };
}

/**
 * Security headers (helmet: nosniff, HSTS, the CSP above, no referrer, no framing), no X-Powered-By, and no caching
 * of any API answer (they carry personal data). Swagger UI under /docs keeps helmet's default CSP, which its inline
 * styles need, and its own caching; the web app's hashed assets set theirs (web-app.ts).
 *
 * Cross-Origin-Opener-Policy is `same-origin-allow-popups` (not helmet's `same-origin`): the OIDC sign-in runs in a
 * popup that goes to the issuer and back, and must still reach its opener to hand over the code. The callback page
 * itself has none (`unsafe-none`): a page with another policy than the issuer's page before it in the popup would
 * start a new browsing context group and lose the opener.
 */
export function securityHeaders(oidcIssuer?: string): RequestHandler[] {
  const docs = helmet();
  const options = {
    contentSecurityPolicy: { useDefaults: false, directives: appCspDirectives(oidcIssuer) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  } as const;
  const app = helmet({ ...options, crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' } });
  const callback = helmet({ ...options, crossOriginOpenerPolicy: { policy: 'unsafe-none' } });
  return [
    (req, res, next) => (DOCS.test(req.path) ? docs : req.path === OIDC_CALLBACK_PATH ? callback : app)(req, res, next),
    (req, res, next) => {
      if (!DOCS.test(req.path)) res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}

/**
 * What every request meets first, before the request logger: no X-Powered-By, the client IP only through trusted
 * proxies (the rate limit's key), and the security and no-store headers, so that every answer carries them.
 */
export function configureHttpEdge(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.HTTP_TRUSTED_PROXIES);
  for (const handler of securityHeaders(config.webOidc?.issuer)) app.use(handler);
}

/**
 * The request body, in order: the media type check, the body read raw within HTTP_BODY_LIMIT_BYTES, and the strict
 * JSON parse. Mounted as Nest middleware (ApiModule) so it runs after the request logger: a refused body is logged
 * and answered with its X-Request-Id. Errors here reach the global exception filters, so they answer in the one
 * error shape.
 */
export function jsonBodyHandlers(config: AppConfig): RequestHandler[] {
  return [requireJsonBodies, raw({ type: 'application/json', limit: config.HTTP_BODY_LIMIT_BYTES }), parseJsonBodies(config.HTTP_JSON_MAX_DEPTH)];
}
