import type { OpenAPIObject } from '@nestjs/swagger';
import { static as serveStatic } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the build puts the web app (dist/web), seen from dist/apps/api/src. */
export const DEFAULT_WEB_DIR = join(__dirname, '..', '..', '..', '..', 'web');

/** Paths the API answers besides the documented ones: Swagger UI and the development sign-in. */
const UNDOCUMENTED_API_ROOTS = ['docs', 'docs-json', 'dev'];

/** The first segment of every API path: a request under one of them is the API's, whatever it accepts. */
export function apiRoots(document: OpenAPIObject): Set<string> {
  return new Set([...Object.keys(document.paths).map((path) => path.split('/')[1]), ...UNDOCUMENTED_API_ROOTS]);
}

/**
 * The web app on the API's own origin: its hashed assets under /assets (cached for a year: a new build has new
 * names), and index.html for a browser's navigation to any other path outside the API (the app routes on the
 * client, so /inkorg and a reload of it land on the same screen). API paths and requests that do not ask for HTML
 * go on to the API untouched. Nothing when the web app is not built (the tests run the API from source).
 */
export function webAppHandlers(webDir: string, document: OpenAPIObject): RequestHandler[] {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return [];
  const roots = apiRoots(document);
  const assets = serveStatic(webDir, {
    index: false,
    fallthrough: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
  });
  const page = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (roots.has(req.path.split('/')[1])) return next();
    if (!(req.headers.accept ?? '').includes('text/html')) return next();
    // Always asked again, so a new build's asset names are picked up at once.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => err && next(err));
  };
  return [(req, res, next) => (req.path.startsWith('/assets/') ? assets(req, res, next) : next()), page];
}
