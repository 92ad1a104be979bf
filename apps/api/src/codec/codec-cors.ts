import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../../../libs/config/src/app-config';

/**
 * CORS for the codec server only, and only for the configured Temporal UI origin (TEMPORAL_UI_ORIGIN): its browser
 * page may call `/codec/*` with the operator's cookie (credentials). Any other origin gets no CORS headers, so a
 * browser keeps the answer from it. A preflight from the UI's origin is answered here, before authentication.
 */
export function codecCors(config: AppConfig) {
  const allowed = config.temporalUiOrigin;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/codec/')) return next();
    res.vary('Origin');
    const fromUi = req.headers.origin === allowed;
    if (fromUi) {
      res.setHeader('Access-Control-Allow-Origin', allowed);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      if (fromUi) {
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
