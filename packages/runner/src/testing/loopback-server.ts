import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a loopback server saw, for assertions. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

/** Answers one request; `base` is the server's own origin, for building pagination links. */
export type Handler = (request: RecordedRequest, base: string) => Reply;

export interface LoopbackServer {
  /** http://127.0.0.1:PORT */
  base: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 and an OS-chosen port, so tests exercise fetch end to end. */
export async function startLoopbackServer(handler: Handler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = handler(recorded, base);
      if (reply === 'hang') return; // never answer: the client's timeout must fire
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const contentType = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(reply.status, { 'Content-Type': contentType, ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Servers started by one spec file; its afterEach closes them with closeAll. */
export interface LoopbackServers {
  serve(handler: Handler): Promise<LoopbackServer>;
  closeAll(): Promise<void>;
}

/** Tracks every server a spec starts, so no test leaves one listening: `afterEach(closeAll)`. */
export function loopbackServers(): LoopbackServers {
  const open: LoopbackServer[] = [];
  return {
    async serve(handler) {
      const server = await startLoopbackServer(handler);
      open.push(server);
      return server;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((server) => server.close()));
    },
  };
}

/** A port nothing listens on: start a server, note its port, close it. */
export async function closedPortUrl(): Promise<string> {
  const server = await startLoopbackServer(() => ({ status: 200 }));
  await server.close();
  return server.base;
}
