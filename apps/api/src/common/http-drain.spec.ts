import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDrain } from './http-drain';

/** A server whose /slow/<ms> answers after <ms> and / at once. */
async function server(): Promise<{ srv: Server; port: number }> {
  const srv = createServer((req, res) => {
    const ms = Number(/^\/slow\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
    setTimeout(() => res.end('done'), ms).unref();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { srv, port: (srv.address() as AddressInfo).port };
}

function get(port: number, path: string, agent?: Agent): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HttpDrain (SIGTERM: stop accepting, finish what is in flight, then close)', () => {
  it('answers the requests in flight, closes idle keep-alive connections, refuses new connections', async () => {
    const { srv, port } = await server();
    const lines: string[] = [];
    const drain = new HttpDrain(srv, 5_000, (l) => lines.push(l));
    const keepAlive = new Agent({ keepAlive: true });
    await get(port, '/', keepAlive); // an idle keep-alive connection stays open after this
    const inFlight = get(port, '/slow/400');
    await sleep(100);
    const drained = drain.drain();
    await sleep(50);
    await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
    expect(await inFlight).toEqual({ status: 200, body: 'done', connection: 'close' });
    const outcome = await drained;
    expect(outcome).toMatchObject({ finished: 1, cut: 0 });
    expect(outcome.ms).toBeLessThan(2_000); // the idle keep-alive connection did not hold it open
    expect(srv.listening).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^stopping: no new connections; 1 request in flight get up to 5 s$/), expect.stringMatching(/^drained: 1 request in flight finished in \d+ ms$/)]);
    keepAlive.destroy();
  });

  it('cuts what is still in flight when the grace is over', async () => {
    const { srv, port } = await server();
    const lines: string[] = [];
    const drain = new HttpDrain(srv, 300, (l) => lines.push(l));
    const hanging = get(port, '/slow/10000').catch((err: Error) => err);
    await sleep(100);
    const outcome = await drain.drain();
    expect(outcome).toMatchObject({ finished: 0, cut: 1 });
    expect(outcome.ms).toBeGreaterThanOrEqual(290);
    expect(outcome.ms).toBeLessThan(3_000);
    expect(String(await hanging)).toMatch(/socket hang up|ECONNRESET/);
    expect(lines[1]).toBe('the 300 ms grace is over: cutting 1 request still in flight');
  });

  it('returns at once when nothing is in flight', async () => {
    const { srv } = await server();
    const outcome = await new HttpDrain(srv, 5_000, () => undefined).drain();
    expect(outcome.cut).toBe(0);
    expect(outcome.ms).toBeLessThan(500);
  });
});
