/** A few fixed HTML pages on 127.0.0.1 (a free port), for tests of the harness itself. Stop it with close(). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticSite {
  url(path: string): string;
  close(): Promise<void>;
}

export async function serveStaticPages(pages: Record<string, string>): Promise<StaticSite> {
  const server = createServer((req, res) => {
    const html = pages[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? '<!doctype html><html lang="sv"><title>Finns inte</title><h1>Finns inte</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
