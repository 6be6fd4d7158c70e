import { once } from 'node:events';
import { createServer, Socket } from 'node:net';

/** A port nobody listens on right now (the kernel's pick). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Whether something accepts TCP connections at host:port. */
export function isListening(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** `preferred` when it is free, otherwise any free port. */
export async function portOrFree(preferred: number, host = '127.0.0.1'): Promise<number> {
  return (await isListening(preferred, host)) ? freePort(host) : preferred;
}
