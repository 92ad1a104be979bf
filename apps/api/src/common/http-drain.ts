import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { durationMs } from '../../../../libs/domain/src/time/duration';

/**
 * The HTTP side of a graceful stop (SIGTERM): stop accepting connections, let the requests in flight finish (each
 * answered with `Connection: close`), close keep-alive connections as soon as they are idle, and after `graceMs`
 * cut whatever is still open. Only then may the database pool and the Temporal connection close.
 */
const inWords = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(
    private readonly server: Server,
    private readonly graceMs: number,
    private readonly log: (line: string) => void,
  ) {
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.inFlight.add(res);
      if (this.draining) res.setHeader('Connection', 'close');
      res.once('close', () => this.inFlight.delete(res));
    });
  }

  /** Resolves once every connection is closed: the requests finished, or the grace ran out and they were cut. */
  async drain(): Promise<{ finished: number; cut: number; ms: number }> {
    if (this.draining || !this.server.listening) return { finished: 0, cut: 0, ms: 0 };
    this.draining = true;
    const started = Date.now();
    const waiting = this.inFlight.size;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    if (waiting > 0) this.log(`stopping: no new connections; ${waiting} request${waiting === 1 ? '' : 's'} in flight get up to ${inWords(this.graceMs)}`);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Keep-alive connections between requests would hold close() open: closed whenever they are idle.
    this.server.closeIdleConnections();
    const idle = setInterval(() => this.server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => (timer = setTimeout(() => resolve('grace over'), this.graceMs)));
    try {
      if ((await Promise.race([closed.then(() => 'closed' as const), graceOver])) === 'closed') {
        if (waiting > 0) this.log(`drained: ${waiting} request${waiting === 1 ? '' : 's'} in flight finished in ${Date.now() - started} ms`);
        return { finished: waiting, cut: 0, ms: Date.now() - started };
      }
      const cut = this.inFlight.size;
      this.log(`the ${inWords(this.graceMs)} grace is over: cutting ${cut} request${cut === 1 ? '' : 's'} still in flight`);
      this.server.closeAllConnections();
      await closed;
      return { finished: waiting - cut, cut, ms: Date.now() - started };
    } finally {
      clearInterval(idle);
      clearTimeout(timer);
    }
  }
}

/** Drains the API's HTTP server before the providers close (Nest calls this before it disposes of the server). */
@Injectable()
export class HttpDrainOnShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private drain: HttpDrain | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.drain = new HttpDrain(server, durationMs(this.config.HTTP_SHUTDOWN_GRACE), (line) => this.logger.log(line));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain?.drain();
  }
}
