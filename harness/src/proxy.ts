import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';

/**
 * How the proxy treats each request: pass it on (after a delay), never answer, answer 200 with
 * a body that is not the api's JSON, answer bytes that are not HTTP, or cut the connection.
 */
export type ProxyMode =
  | { kind: 'forward'; delayMs?: number }
  | { kind: 'hang' }
  | { kind: 'garbage-json' }
  | { kind: 'garbage-bytes' }
  | { kind: 'reset' };

export type HttpProxy = {
  url: string;
  port: number;
  setMode(mode: ProxyMode): void;
  /** Requests it has received so far (method and path), for asserting what reached it. */
  seen: Array<{ method: string; path: string }>;
  stop(): Promise<void>;
};

export type ProxyOptions = {
  /**
   * Forward like an ingress: the upstream's own Host, the public one in X-Forwarded-Host (and
   * the scheme in X-Forwarded-Proto). Otherwise the request goes on exactly as it came.
   */
  asIngress?: boolean;
};

/**
 * A loopback HTTP proxy in front of `upstream`: an ingress stand-in, or a fault injector whose
 * failures a test switches on and off (`setMode`).
 */
export async function startProxy(upstream: string, options: ProxyOptions = {}): Promise<HttpProxy> {
  let mode: ProxyMode = { kind: 'forward' };
  const seen: HttpProxy['seen'] = [];
  const target = new URL(upstream);
  const headersFor = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
    options.asIngress
      ? {
          ...headers,
          host: target.host,
          'x-forwarded-host': headers.host ?? '',
          'x-forwarded-proto': 'http',
        }
      : headers;

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
          headers: headersFor(incoming.headers),
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
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    // Each request reads the mode when it arrives; requests already passed on finish as they were.
    setMode(next) {
      mode = next;
    },
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
