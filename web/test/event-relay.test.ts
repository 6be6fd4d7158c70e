// @vitest-environment node
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventRelay, type Listener } from '@/lib/events/relay';

// The relay against a stand-in for the api's event stream over a real socket: it records every
// connection (and the Last-Event-ID it carried) and lets the test write events or end streams.

type Upstream = { lastEventId: string | undefined; response: ServerResponse };

async function fakeApi() {
  const connections: Upstream[] = [];
  let seq = 10;
  const server = createServer((request, response) => {
    const lastEventId = request.headers['last-event-id'] as string | undefined;
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    if (lastEventId === undefined)
      response.write(`event: ready\nid: ${seq}\ndata: {"seq":${seq}}\n\n`);
    connections.push({ lastEventId, response });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    connections,
    url: `http://127.0.0.1:${port}`,
    /** The account's next event, on every open stream. */
    emit(kind: string) {
      seq++;
      for (const { response } of connections) {
        if (!response.writableEnded) {
          response.write(`event: change\nid: ${seq}\ndata: {"kind":"${kind}"}\n\n`);
        }
      }
      return seq;
    },
    endAll() {
      for (const { response } of connections) response.end();
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

function recorder(): Listener & { text: string; closed: boolean; ids(): string[] } {
  const listener = {
    text: '',
    closed: false,
    write(text: string) {
      listener.text += text;
    },
    close() {
      listener.closed = true;
    },
    ids: () => [...listener.text.matchAll(/^id: (\d+)$/gm)].map((match) => match[1] as string),
  };
  return listener;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function setUp(options: { replayLimit?: number; lingerMs?: number; idleMs?: number } = {}) {
  const api = await fakeApi();
  const relay = createEventRelay({
    connect: (account, lastEventId, signal) =>
      fetch(`${api.url}/v1/events?account=${account}`, {
        headers: lastEventId ? { 'last-event-id': lastEventId } : {},
        signal,
      }),
    retryMs: [20],
    heartbeatMs: 60_000,
    ...options,
  });
  cleanups.push(() => {
    relay.closeAll();
    api.close();
  });
  return { api, relay };
}

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('the event relay', () => {
  it("shares one upstream among an account's tabs and passes every event on, in order", async () => {
    const { api, relay } = await setUp();
    const first = recorder();
    const second = recorder();
    await relay.add('a', first);
    await relay.add('a', second);
    expect(api.connections).toHaveLength(1);
    expect(first.text).toContain('event: ready\nid: 10\n');

    const ids = [api.emit('task.created'), api.emit('task.updated')];
    await until(() => second.ids().length === 3);
    expect(first.ids()).toEqual(['10', ...ids.map(String)]);
    expect(second.ids()).toEqual(['10', ...ids.map(String)]);
    expect(relay.stats()).toEqual({ upstreams: 1, listeners: 2 });
  });

  it('reopens an upstream that ends, from the last event, without the tabs noticing', async () => {
    const { api, relay } = await setUp();
    const tab = recorder();
    await relay.add('a', tab);
    const before = api.emit('one');
    await until(() => tab.ids().includes(String(before)));
    api.endAll(); // an api replica shutting down
    await until(() => api.connections.length === 2);
    expect(api.connections[1]?.lastEventId).toBe(String(before));
    const after = api.emit('two');
    await until(() => tab.ids().includes(String(after)));
    expect(tab.ids()).toEqual(['10', String(before), String(after)]);
    expect(tab.closed).toBe(false);
  });

  it('gives a tab that comes back what it missed, or tells it to reload', async () => {
    const { api, relay } = await setUp({ replayLimit: 2 });
    const tab = recorder();
    await relay.add('a', tab);
    for (const kind of ['a', 'b', 'c']) api.emit(kind);
    await until(() => tab.ids().length === 4);

    const returning = recorder();
    await relay.add('a', returning, '12');
    expect(returning.ids()).toEqual(['13']);
    const behind = recorder();
    await relay.add('a', behind, '10');
    expect(behind.text).toMatch(/^event: reload\nid: 13\n/);
    expect(api.connections).toHaveLength(1);
  });

  it('closes the upstream once the last tab has been gone a while', async () => {
    const { api, relay } = await setUp({ lingerMs: 50 });
    const remove = await relay.add('a', recorder());
    remove();
    await until(() => relay.stats().upstreams === 0);
    await until(() => api.connections[0]?.response.destroyed === true);
  });

  it('reopens an upstream that went silent, as a connection dropped without a word', async () => {
    const { api, relay } = await setUp({ idleMs: 150 });
    const tab = recorder();
    await relay.add('a', tab);
    const before = api.emit('one');
    await until(() => tab.ids().includes(String(before)));
    // The stand-in writes nothing more on the first stream: no keep-alive, no end.
    await until(() => api.connections.length === 2);
    expect(api.connections[0]?.response.destroyed).toBe(true);
    expect(api.connections[1]?.lastEventId).toBe(String(before));
    const after = api.emit('two');
    await until(() => tab.ids().includes(String(after)));
    expect(tab.ids()).toEqual(['10', String(before), String(after)]);
  });

  it("opens a new account's upstream from where a returning tab stands", async () => {
    const { api, relay } = await setUp();
    const tab = recorder();
    await relay.add('a', tab, '7');
    await until(() => api.connections.length === 1);
    expect(api.connections[0]?.lastEventId).toBe('7');
    expect(tab.text).toBe('');
    const next = api.emit('one');
    await until(() => tab.ids().includes(String(next)));

    const forged = recorder();
    await relay.add('b', forged, '1'.repeat(16));
    expect(api.connections[1]?.lastEventId).toBeUndefined();
    expect(forged.text).toContain('event: ready');
  });
});
