/**
 * Production sign-in, for real: the app signs a person in at an OpenID Connect provider running on 127.0.0.1
 * (panva's oidc-provider, test/support/oidc-provider-server.mjs) by the authorization code flow with PKCE, and the API
 * accepts the provider's access token through the provider's JWKS. The dev issuer is off, as in production.
 */
import { expect } from '@jest/globals';
import type { Request } from 'playwright-core';
import { freePort } from '../../infra/net/ports';
import { RunningOidcProvider, startOidcProvider } from '../support/oidc-provider';
import { BrowserStack, expectNoSeriousA11yViolations, saveFailureScreenshots, startBrowserStack } from './support/browser';
import { currentTest } from './support/test-state';

const CLIENT_ID = 'vardflode-web';

describe('OIDC sign-in (authorization code with PKCE) against a real provider', () => {
  let provider: RunningOidcProvider;
  let stack: BrowserStack;

  beforeAll(async () => {
    // The provider must know the app's callback, and the API the provider's address: the app's port comes first.
    const port = await freePort();
    provider = await startOidcProvider({
      clientId: CLIENT_ID,
      redirectUri: `http://127.0.0.1:${port}/oidc-callback`,
      audience: 'vardflode',
      people: { 'sara.sjukskoterska': { name: 'Sara Sjuksköterska', org: 'KS', roles: ['case_handler'] } },
    });
    stack = await startBrowserStack({
      worker: false,
      port,
      overrides: {
        AUTH_DEV_ISSUER: 'false',
        AUTH_ISSUER: provider.issuer,
        AUTH_JWKS_URL: provider.jwksUrl,
        AUTH_WEB_CLIENT_ID: CLIENT_ID,
        AUTH_WEB_SCOPE: 'openid profile api',
      },
    });
  }, 120_000);
  afterEach(async () => {
    const test = currentTest();
    if (test?.failed) await saveFailureScreenshots(stack.openPages(), test.name);
    await stack.closeContexts();
  });
  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  it('the API tells the app to sign in at the issuer, and has no dev sign-in', async () => {
    const res = await fetch(`${stack.baseUrl}/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ devSignIn: false, issuer: provider.issuer, clientId: CLIENT_ID, scope: 'openid profile api' });
    expect((await fetch(`${stack.baseUrl}/dev/sign-in`, { headers: { Accept: 'application/json' } })).status).toBe(404);
    // The app may talk to the issuer (discovery, token endpoint), and to nothing else.
    const csp = (await fetch(`${stack.baseUrl}/`, { headers: { Accept: 'text/html' } })).headers.get('content-security-policy');
    expect(csp).toContain(`connect-src 'self' ${provider.issuer};`);
  });

  it('a nurse signs in at the provider in a popup and lands in her inbox; tokens stay in memory', async () => {
    const nurse = await stack.newVisitor('sjukskoterskan');
    const { page, context } = nurse;
    const requests: Request[] = [];
    context.on('request', (r) => requests.push(r));
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto('/');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    expect(await page.getByLabel('Organisation').count()).toBe(0); // no dev sign-in in production
    await expectNoSeriousA11yViolations(page);
    // Source Sans 3 is self-hosted: loaded from the app's origin, within the CSP.
    const loadedFonts = `document.fonts.ready.then(() => [...document.fonts].filter((f) => f.family.includes('Source Sans 3') && f.status === 'loaded').length)`;
    expect(await page.evaluate(loadedFonts)).toBeGreaterThan(0);
    expect(requests.filter((r) => r.url().endsWith('.woff2')).every((r) => r.url().startsWith(stack.baseUrl))).toBe(true);

    const popupOpens = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const popup = await popupOpens;
    // The provider's own login page (its development login: any password).
    await popup.locator('input[name="login"]').fill('sara.sjukskoterska');
    await popup.locator('input[name="password"]').fill('valfritt');
    const popupCloses = popup.waitForEvent('close');
    await popup.locator('button[type="submit"]').click();
    await popupCloses;

    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await expect(page.getByText('Sara Sjuksköterska').first().isVisible()).resolves.toBe(true);
    // The inbox loaded with the provider's access token: the API verified it by the provider's JWKS.
    await page.getByRole('heading', { name: 'Inkorg', level: 1 }).waitFor();
    expect(await page.getByText(/session har gått ut/).count()).toBe(0);
    const tasks = requests.find((r) => new URL(r.url()).pathname === '/tasks');
    const tasksResponse = await tasks?.response();
    expect(tasksResponse?.status()).toBe(200);
    expect(tasks?.headers().authorization).toMatch(/^Bearer ey/);

    // The code flow with PKCE: the authorization request carried an S256 challenge, and the token request (from
    // the app's page, which kept the verifier in memory) the verifier whose hash it is.
    const authorize = requests.find((r) => r.url().startsWith(`${provider.issuer}/auth?`));
    const query = new URL(authorize!.url()).searchParams;
    expect(query.get('response_type')).toBe('code');
    expect(query.get('code_challenge_method')).toBe('S256');
    const token = requests.find((r) => r.url() === `${provider.issuer}/token` && r.method() === 'POST');
    const form = new URLSearchParams(token!.postData() ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    const verifier = form.get('code_verifier')!;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(query.get('code_challenge'));
    expect(token!.frame().page()).toBe(page);

    // Nothing of the sign-in in the address bar or in storage.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);
    await expectNoSeriousA11yViolations(page, { include: ['header', 'main'] });
    expect(consoleErrors).toEqual([]); // no CSP violation, no failed request
  });
});
