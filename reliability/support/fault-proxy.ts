import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How the proxy treats each request: pass it on (after a delay), never answer, answer 200 with
 * a body that is not the api's JSON, answer bytes that are not HTTP, or cut the connection.
 */
export type FaultMode =
  | { kind: 'forward'; delayMs?: number }
  | { kind: 'hang' }
  | { kind: 'garbage-json' }
  | { kind: 'garbage-bytes' }
  | { kind: 'reset' };

export type FaultProxy = {
  url: string;
  setMode(mode: FaultMode): void;
  /** Requests it has received so far (method and path), for asserting what reached it. */
  seen: Array<{ method: string; path: string }>;
  close(): Promise<void>;
};

/** A loopback HTTP proxy in front of `upstream` whose failures the test switches on and off. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let mode: FaultMode = { kind: 'forward' };
  const seen: FaultProxy['seen'] = [];
  const sockets = new Set<Socket>();
  const target = new URL(upstream);

  const server: Server = createServer((incoming, outgoing) => {
    seen.push({ method: incoming.method ?? '', path: incoming.url ?? '' });
    const current = mode;
    if (current.kind === 'hang') return;
    if (current.kind === 'reset') {
      incoming.socket.destroy();
      return;
    }
    if (current.kind === 'garbage-bytes') {
      incoming.socket.end('\x00\xff garbage, not HTTP \r\n\r\n');
      return;
    }
    if (current.kind === 'garbage-json') {
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end('{"items": [ this is not json');
      return;
    }
    const forward = () => {
      const upstreamRequest = request(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      // An upstream that is down looks, to the caller, like a connection that broke.
      upstreamRequest.on('error', () => incoming.socket.destroy());
      incoming.pipe(upstreamRequest);
    };
    if (current.delayMs) setTimeout(forward, current.delayMs);
    else forward();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    // Each request reads the mode when it arrives; requests already passed on finish as they were.
    setMode(next) {
      mode = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
