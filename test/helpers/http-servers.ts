import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  requests: number;
  connections: number;
  close(): Promise<void>;
}

type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  count: number,
  sinceStartMs: number
) => void;

/** A real HTTP server on 127.0.0.1 with a free port; every handler sees the request count and uptime. */
export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  const started = Date.now();
  const state = { requests: 0, connections: 0 };
  const server = http.createServer((req, res) => {
    state.requests += 1;
    handler(req, res, state.requests, Date.now() - started);
  });
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/health`,
    port: actualPort,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A port that nothing listens on (taken and released again). */
export async function freePort(): Promise<number> {
  const s = await startServer(() => undefined);
  const port = s.port;
  await s.close();
  return port;
}
