import type { OpenAPIObject } from '@nestjs/swagger';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { securityHeaders } from './http-edge';
import { webAppHandlers } from './web-app';

const document = { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/tasks': {}, '/cases/{caseId}': {} } } as unknown as OpenAPIObject;
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web app on the API origin', () => {
  let webDir: string;
  let app: express.Express;

  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'vardflode-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1.js"></script>');
    writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
    app = express();
    for (const h of securityHeaders()) app.use(h);
    for (const h of webAppHandlers(webDir, document)) app.use(h);
    app.get('/tasks', (_req, res) => res.json({ items: [] }));
    app.use((_req, res) => res.status(404).json({ code: 'NOT_FOUND' }));
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('serves index.html at / and at any client route a browser navigates to', async () => {
    for (const path of ['/', '/inkorg', '/arenden/123']) {
      const res = await request(app).get(path).set('Accept', HTML).expect(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('leaves API paths to the API, even for a browser', async () => {
    await request(app).get('/tasks').set('Accept', HTML).expect(200, { items: [] });
    await request(app).get('/cases/42').set('Accept', HTML).expect(404, { code: 'NOT_FOUND' });
    await request(app).get('/docs-json').set('Accept', HTML).expect(404);
  });

  it('answers a non-browser request for an unknown path as the API does', async () => {
    await request(app).get('/inkorg').set('Accept', 'application/json').expect(404, { code: 'NOT_FOUND' });
    await request(app).post('/inkorg').set('Accept', HTML).expect(404);
  });

  it('serves hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    const res = await request(app).get('/assets/app-1.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(app).get('/assets/gone.js').set('Accept', HTML).expect(404);
  });

  it('sends a CSP without inline scripts, no framing and no referrer', async () => {
    const res = await request(app).get('/inkorg').set('Accept', HTML).expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it("lets the OIDC popup reach its opener: the app allows popups, the callback page sets no opener policy", async () => {
    const page = await request(app).get('/inkorg').set('Accept', HTML).expect(200);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    const callback = await request(app).get('/oidc-callback').set('Accept', HTML).expect(200);
    expect(callback.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    expect(callback.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
  });

  it("adds the OIDC issuer's origin to connect-src, and nothing else", async () => {
    const withOidc = express();
    for (const h of securityHeaders('https://idp.example.se/realms/vard')) withOidc.use(h);
    withOidc.get('/x', (_req, res) => res.send('x'));
    const csp = (await request(withOidc).get('/x').expect(200)).headers['content-security-policy'];
    expect(csp).toContain("connect-src 'self' https://idp.example.se;");
    expect(csp).toContain("script-src 'self';");
    const plain = (await request(app).get('/inkorg').set('Accept', HTML)).headers['content-security-policy'];
    expect(plain).toContain("connect-src 'self';");
  });

  it('serves nothing when the web app is not built', () => {
    expect(webAppHandlers(join(webDir, 'missing'), document)).toEqual([]);
  });
});
