/* global process, console */
// A real OpenID Connect provider for tests: panva's oidc-provider on 127.0.0.1 (a free port), with one public client
// (authorization code with PKCE, no secret) and a few people, issuing JWT access tokens for the API (aud
// AUTH_AUDIENCE, the `org`, `roles` and `name` claims the API reads) signed with an ES256 key it makes at start.
// Run as a child process (oidc-provider is ES modules only): node oidc-provider-server.mjs '<json options>'; it prints one
// line of JSON, {"issuer": "http://127.0.0.1:<port>"}, once it listens, and stops on SIGTERM.
// People sign in on the provider's development login page: any password, the login picks the person.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { clientId, redirectUri, audience, people, accessTokenTtl = 600 } = JSON.parse(process.argv[2]);
const RESOURCE = 'urn:vardflode:api';

const signingKey = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'ES256',
  use: 'sig',
};

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const person = (id) => people[id];
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomUUID()] },
  claims: { openid: ['sub'], profile: ['name', 'org', 'roles'] },
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const p = person(id);
    if (!p) return undefined;
    return { accountId: id, claims: () => ({ sub: id, name: p.name, org: p.org, roles: p.roles }) };
  },
  // The app is first party: no consent screen. The grant covers the sign-in scopes and the API.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (!ctx.oidc.session.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['name', 'org', 'roles']);
    grant.addResourceScope(RESOURCE, 'api');
    await grant.save();
    return grant;
  },
  async extraTokenClaims(_ctx, token) {
    const p = person(token.accountId);
    return p ? { org: p.org, roles: p.roles, name: p.name } : undefined;
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL: accessTokenTtl,
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
});
// Only this test's requests reach it: log nothing but errors.
provider.on('server_error', (_ctx, err) => console.error(`[oidc-provider] ${err.stack ?? err}`));
server.on('request', provider.callback());
console.log(JSON.stringify({ issuer }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
