import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

/** One statement a client sent: its command and, for a text query or a prepare, its SQL. */
export type SeenStatement = { command: 'query' | 'prepare' | 'execute'; sql: string };

export type QueryCounter = {
  /** Where clients connect instead of the server: `host`/`port`, and `url()` of a database. */
  host: string;
  port: number;
  /** `databaseUrl` with its host and port replaced by the counter's. */
  url(databaseUrl: string): string;
  /** What went through since the start or the last `reset()`, in order. */
  statements(): SeenStatement[];
  reset(): void;
  stop(): Promise<void>;
};

const COMMANDS: Record<number, SeenStatement['command']> = {
  3: 'query',
  22: 'prepare',
  23: 'execute',
};

/**
 * A TCP relay in front of a MySQL or MariaDB server that reads the client's side of the
 * protocol and notes every statement: what a process asks of the database, counted on the
 * wire, whatever driver or ORM it uses. Each client packet is a 3-byte length, a sequence
 * number and the payload; a command starts a new sequence (number 0) and its first byte says
 * which (COM_QUERY, COM_STMT_PREPARE, COM_STMT_EXECUTE). Plain connections only (no TLS, no
 * compression), as the tests make them.
 */
export async function startQueryCounter(target: {
  host: string;
  port: number;
}): Promise<QueryCounter> {
  let seen: SeenStatement[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3);
        if (pending.length < 4 + length) break;
        const sequence = pending[3];
        const payload = pending.subarray(4, 4 + length);
        const command = COMMANDS[payload[0] ?? -1];
        if (sequence === 0 && command) {
          const sql = command === 'execute' ? '' : payload.subarray(1).toString('utf8');
          seen.push({ command, sql });
        }
        pending = pending.subarray(4 + length);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    host: '127.0.0.1',
    port,
    url(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.href;
    },
    statements: () => [...seen],
    reset() {
      seen = [];
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
