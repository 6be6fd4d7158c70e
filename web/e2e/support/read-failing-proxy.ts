import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the api's Service that passes everything on, except that, while `failReads`
 * is set, it answers the list (`GET /v1/tasks`) with the api's own 503: a change goes through
 * and the page re-rendered after it cannot read the list.
 */
export async function startReadFailingProxy(apiUrl: string) {
  const target = new URL(apiUrl);
  const state = { failReads: false };
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (state.failReads && incoming.method === 'GET' && path.startsWith('/v1/tasks?')) {
      outgoing.writeHead(503, { 'content-type': 'application/problem+json' });
      outgoing.end(
        JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }),
      );
      return;
    }
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
