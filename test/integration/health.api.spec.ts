import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { freePort } from '../../infra/net/ports';
import { startTestApi, testConfig } from '../support/test-app';

describe('readiness names the failing part with 503', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('reports the worker down when nobody polls the task queue', async () => {
    app = await startTestApi(await testConfig()); // a fresh task queue that no worker polls
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.details).toMatchObject({ postgresql: { status: 'up' }, temporal: { status: 'up' }, worker: { status: 'down' } });
    expect(res.body).not.toHaveProperty('error');
    expect(res.body).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE', message: 'not ready: worker down' });
    expect(JSON.stringify(res.body.details.worker)).toContain('no worker is polling task queue');
  });

  it('reports Temporal down when its frontend does not answer', async () => {
    app = await startTestApi(await testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` }));
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.details).toMatchObject({ postgresql: { status: 'up' }, temporal: { status: 'down' } });
  });
});
