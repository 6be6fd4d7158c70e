import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { type PrivateDatabase, startPrivateDatabase } from '../../scripts/db/private-server.js';
import { migrate } from './services.js';

export type FaultDatabase = {
  server: PrivateDatabase;
  /** `mysql://root@127.0.0.1:<port>/todo`, migrated. */
  url: string;
  query<T extends RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  /** Stops the server for good and removes its data directory. */
  destroy(): Promise<void>;
};

/**
 * A MariaDB server of this test's own, in a temporary data directory, with the app's schema
 * applied: the test may stop, kill -9 and restart it without touching the shared server.
 */
export async function startFaultDatabase(): Promise<FaultDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-reliability-db-'));
  const server = await startPrivateDatabase({ dataDir });
  const url = `${server.serverUrl}/todo`;
  await migrate(url);
  return {
    server,
    url,
    async query<T extends RowDataPacket[]>(sql: string, params: unknown[] = []) {
      const connection = await createConnection(url);
      try {
        const [rows] = await connection.query<T>(sql, params);
        return rows;
      } finally {
        await connection.end();
      }
    },
    async destroy() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
