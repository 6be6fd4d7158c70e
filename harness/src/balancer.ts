import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export type Balancer = {
  url: string;
  /** Connections handed to each target so far, by its URL. */
  connections: Map<string, number>;
  /**
   * Where new connections go from now on, as when Kubernetes takes a terminating pod out of
   * a Service's endpoints; open connections are left alone.
   */
  setTargets(targets: string[]): void;
  /** Cuts every open connection (a network partition, or a node gone), taking new ones still. */
  cutAll(): void;
  stop(): Promise<void>;
};

/**
 * A loopback stand-in for a Kubernetes Service in front of several replicas: each new TCP
 * connection goes to the next target in turn, and to the one after when a target refuses it
 * (a replica that has exited). Connections already made stay where they are, as with
 * kube-proxy.
 */
export async function startBalancer(initial: string[]): Promise<Balancer> {
  let targets = [...initial];
  const connections = new Map<string, number>();
  const sockets = new Set<Socket>();
  let turn = 0;

  const server = createServer((client) => {
    client.pause();
    client.on('error', () => client.destroy());
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const attempt = (tries: number) => {
      if (tries >= targets.length) return client.destroy();
      const target = targets[turn++ % targets.length] as string;
      const address = new URL(target);
      const upstream = connect(Number(address.port), address.hostname);
      upstream.once('error', () => attempt(tries + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        sockets.add(upstream);
        connections.set(target, (connections.get(target) ?? 0) + 1);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    setTargets(next) {
      targets = [...next];
    },
    cutAll() {
      for (const socket of sockets) socket.destroy();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
