import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Route {
  pattern: RegExp;
  allow: string[];
}

/** `/cases/{caseId}` → a RegExp that matches one path segment per parameter. */
function routeOf(path: string, allow: string[]): Route {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return { pattern: new RegExp(`^${source}/?$`), allow };
}

/**
 * A request for a path the API serves, with a method it does not serve there, is a 405 in the one error shape with
 * `Allow` naming the methods it does serve (rather than the router's 404, which says the path does not exist).
 * The routes are the OpenAPI document's, so the answer and the document cannot disagree. HEAD is served wherever
 * GET is (Express does), and OPTIONS is left to the router.
 */
export function methodNotAllowed(document: OpenAPIObject) {
  const routes = Object.entries(document.paths).map(([path, item]) =>
    routeOf(
      path,
      METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => m.toUpperCase()),
    ),
  );
  return (req: Request, res: Response, next: NextFunction) => {
    const method = req.method.toUpperCase();
    if (method === 'OPTIONS') return next();
    const route = routes.find((r) => r.pattern.test(req.path));
    if (!route || route.allow.includes(method) || (method === 'HEAD' && route.allow.includes('GET'))) return next();
    const allow = route.allow.includes('GET') ? [...route.allow, 'HEAD'] : route.allow;
    res
      .status(405)
      .set('Allow', allow.join(', '))
      .json({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not served here; this path serves ${allow.join(', ')}` });
  };
}
