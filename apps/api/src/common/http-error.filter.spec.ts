import { ArgumentsHost, BadRequestException, HttpException, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { HttpErrorFilter } from './http-error.filter';

/** What the filter answers and logs for `exception` on a request to POST /discharge-handovers. */
function answer(exception: unknown): { status?: number; body?: unknown; logged: string } {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const req = { method: 'POST', route: { path: '/discharge-handovers' }, id: 'req-1' };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  const lines: string[] = [];
  const spies = (['error', 'warn', 'log'] as const).map((level) =>
    jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  try {
    new HttpErrorFilter().catch(exception, host);
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return { ...sent, logged: lines.join('\n') };
}

describe('HttpErrorFilter', () => {
  it('answers an unexpected error with 500 INTERNAL_ERROR and logs no word of its message', () => {
    const err = Object.assign(new Error('duplicate key (personnummer)=(191212121212) Tolvan Tolvansson'), { code: '23505' });
    const { status, body, logged } = answer(err);
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.stringContaining('X-Request-Id') });
    expect(logged).toContain('POST /discharge-handovers answered 500 INTERNAL_ERROR: Error 23505 (request req-1)');
    expect(logged).not.toMatch(/1212|Tolvan|personnummer/);
  });

  it('hides the message of a 5xx HttpException but keeps a 4xx one', () => {
    expect(answer(new HttpException('pool of 10 exhausted at db-1', 502)).body).toMatchObject({ statusCode: 502, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(answer(new HttpException('pool of 10 exhausted at db-1', 502)).body)).not.toContain('db-1');
    expect(answer(new NotFoundException('Cannot GET /nope')).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /nope' });
  });

  it('drops Nest’s error key and names the code after the status', () => {
    expect(answer(new BadRequestException('Unexpected token } in JSON')).body).toEqual({ statusCode: 400, code: 'INVALID_INPUT', message: 'Unexpected token } in JSON' });
    expect(answer(new HttpException('request entity too large', 413)).body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' });
    expect(answer(new HttpException('Method Not Allowed', 405)).body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('keeps a given code, field and fields', () => {
    const e = new BadRequestException({ statusCode: 400, code: 'INVALID_INPUT', message: 'a; b', field: 'a', fields: [{ field: 'a', message: 'a' }] });
    expect(answer(e).body).toEqual({ statusCode: 400, code: 'INVALID_INPUT', message: 'a; b', field: 'a', fields: [{ field: 'a', message: 'a' }] });
  });

  it('answers terminus’s readiness 503 without an error key, naming the parts down', () => {
    const e = new ServiceUnavailableException({ status: 'error', info: {}, error: { worker: { status: 'down' } }, details: { worker: { status: 'down' } } });
    expect(answer(e).body).toEqual({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'not ready: worker down',
      status: 'error',
      info: {},
      details: { worker: { status: 'down' } },
    });
  });
});
