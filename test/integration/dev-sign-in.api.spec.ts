/**
 * The web app's development sign-in (issue 12): organisations and roles to pick from, and a dev-issuer token the
 * API accepts, only while the dev issuer is on.
 */
import request from 'supertest';
import { useTestStack } from '../support/test-app';

describe('dev sign-in while the dev issuer is on', () => {
  const stack = useTestStack({}, { worker: false });
  const server = () => request(stack.app.getHttpServer());

  it('offers the active organisations and the roles, without a token', async () => {
    const res = await server().get('/dev/sign-in').expect(200);
    expect(res.body.organisations).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'KS', kind: 'acute_hospital' })]));
    expect(res.body.roles).toEqual(expect.arrayContaining(['case_handler', 'finance']));
  });

  it('signs a token the API accepts, whose subject is not the name', async () => {
    const res = await server().post('/dev/sign-in').send({ organisationCode: '0125', roles: ['case_handler'], name: 'Maja Andersson' }).expect(200);
    expect(res.body.personId).toMatch(/^dev-[0-9a-f]{12}$/);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    await server().get('/tasks').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    const again = await server().post('/dev/sign-in').send({ organisationCode: '0125', roles: ['approver'], name: 'Maja Andersson' }).expect(200);
    expect(again.body.personId).toBe(res.body.personId);
  });

  it('tells the web app to show the dev sign-in', async () => {
    await server().get('/auth/config').expect(200, { devSignIn: true });
  });

  it('refuses an unknown organisation, an unknown role and an empty name at the field', async () => {
    const unknown = await server().post('/dev/sign-in').send({ organisationCode: 'NOPE', roles: ['case_handler'], name: 'A' }).expect(400);
    expect(unknown.body.field).toBe('organisationCode');
    const role = await server().post('/dev/sign-in').send({ organisationCode: 'KS', roles: ['root'], name: 'A' }).expect(400);
    expect(role.body.field).toBe('roles');
    const name = await server().post('/dev/sign-in').send({ organisationCode: 'KS', roles: ['case_handler'], name: '' }).expect(400);
    expect(name.body.field).toBe('name');
  });
});

describe('dev sign-in while the dev issuer is off', () => {
  const stack = useTestStack(
    { AUTH_DEV_ISSUER: 'false', AUTH_ISSUER: 'https://idp.invalid', AUTH_JWKS_URL: 'https://idp.invalid/jwks' },
    { worker: false },
  );

  it('does not exist', async () => {
    await request(stack.app.getHttpServer()).get('/dev/sign-in').expect(404);
    await request(stack.app.getHttpServer()).post('/dev/sign-in').send({ organisationCode: 'KS', roles: ['admin'], name: 'A' }).expect(404);
  });

  it('leaves the web app without sign-in until its OIDC client id is set', async () => {
    await request(stack.app.getHttpServer()).get('/auth/config').expect(200, { devSignIn: false });
  });
});

describe('the web app\'s sign-in with OIDC (dev issuer off, client id set)', () => {
  const stack = useTestStack(
    { AUTH_DEV_ISSUER: 'false', AUTH_ISSUER: 'https://idp.invalid/realms/vard', AUTH_JWKS_URL: 'https://idp.invalid/jwks', AUTH_WEB_CLIENT_ID: 'vardflode-web' },
    { worker: false },
  );

  it('names the issuer, the public client and the scopes, without a token', async () => {
    await request(stack.app.getHttpServer())
      .get('/auth/config')
      .expect(200, { devSignIn: false, issuer: 'https://idp.invalid/realms/vard', clientId: 'vardflode-web', scope: 'openid profile' });
  });
});

describe('dev tokens of a short lifetime (AUTH_DEV_TOKEN_LIFETIME)', () => {
  const stack = useTestStack({ AUTH_DEV_TOKEN_LIFETIME: '90s' }, { worker: false });

  it('expire after the configured lifetime', async () => {
    const before = Date.now();
    const res = await request(stack.app.getHttpServer()).post('/dev/sign-in').send({ organisationCode: 'KS', roles: ['case_handler'], name: 'A' }).expect(200);
    const lifetime = Date.parse(res.body.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(85_000);
    expect(lifetime).toBeLessThanOrEqual(91_000);
  });
});
