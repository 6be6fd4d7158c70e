// @vitest-environment node
import { once } from 'node:events';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { neverReachedApi } from '@/lib/api/transport-errors';

// Only a failure to connect at all proves that a change never reached the api; a reset or a
// timeout may come after the api has read (and made) it. Real sockets, real fetch errors.

async function failureOf(url: string, timeoutMs = 2000): Promise<unknown> {
  try {
    await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return error;
  }
  throw new Error('the request did not fail');
}

describe('a failed call to the api', () => {
  it('never reached it when nothing listens on the port', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, 'close');
    expect(neverReachedApi(await failureOf(`http://127.0.0.1:${port}/v1/tasks`))).toBe(true);
  });

  it('may have reached it when the connection drops after the request was read', async () => {
    const server = createServer((request) => {
      request.resume();
      request.on('end', () => request.socket.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      expect(neverReachedApi(await failureOf(`http://127.0.0.1:${port}/v1/tasks`))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('may have reached it when no answer came in time', async () => {
    const server = createServer(() => {});
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      expect(neverReachedApi(await failureOf(`http://127.0.0.1:${port}/v1/tasks`, 100))).toBe(
        false,
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
