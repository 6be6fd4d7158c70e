import { type IncomingMessage, Server } from 'node:http';
import { isIP } from 'node:net';

/**
 * The header that tells Better Auth (its rate limiter, the sessions' ip_address) who the client
 * is. This server sets it itself on every request before Next sees it, replacing whatever a
 * client sent: the address of the connection, or, behind a trusted ingress
 * (TRUST_PROXY_HEADERS), the last address in X-Forwarded-For, the one the ingress itself saw
 * (the addresses before it are whatever the client wrote).
 */
export const CLIENT_ADDRESS_HEADER = 'x-todo-client-address';

type IncomingHeaders = Record<string, string | string[] | undefined>;

export function clientAddressOf(
  headers: IncomingHeaders,
  socketAddress: string | undefined,
  trustProxyHeaders: boolean,
): string | undefined {
  if (trustProxyHeaders) {
    const forwarded = headers['x-forwarded-for'];
    const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const nearest = chain[chain.length - 1]?.trim();
    if (nearest && isIP(nearest)) return nearest;
  }
  return socketAddress && isIP(socketAddress) ? socketAddress : undefined;
}

/**
 * Sets CLIENT_ADDRESS_HEADER on every request of every HTTP server of this process, ahead of
 * Next's handler (called once at start-up by instrumentation-node.ts, as the TRACE refusal is).
 */
export function stampClientAddresses(trustProxyHeaders: boolean): void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request] = args as [IncomingMessage];
      const address = clientAddressOf(
        request.headers,
        request.socket?.remoteAddress,
        trustProxyHeaders,
      );
      if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
      else delete request.headers[CLIENT_ADDRESS_HEADER];
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof Server.prototype.emit;
}
