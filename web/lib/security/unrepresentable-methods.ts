import { type IncomingMessage, Server, type ServerResponse } from 'node:http';

// The methods the fetch standard forbids a Request to have (CONNECT, TRACE, TRACK) that reach
// a request listener: only TRACE does (Node's parser refuses TRACK with a 400 and hands CONNECT
// to 'connect' listeners). Next builds a Request for proxy.ts from every incoming request, and
// for TRACE it throws ("'TRACE' HTTP method is unsupported"): a 500 before proxy.ts could
// refuse it with the 405 every other method gets.
const UNREPRESENTABLE = new Set(['TRACE']);

/**
 * Answers those methods 405 on every HTTP server of this process, ahead of Next's handler.
 * Called once at start-up (instrumentation-node.ts); the only way in before Next's own code.
 */
export function refuseUnrepresentableMethods(): void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (UNREPRESENTABLE.has(request.method ?? '')) {
        response.writeHead(405, {
          allow: 'GET, HEAD, POST',
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        response.end(`${request.method} is not served here\n`);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof Server.prototype.emit;
}
