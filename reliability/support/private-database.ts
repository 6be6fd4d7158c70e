import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAccount } from '@todo/harness/accounts';
import { type PrivateDatabase, startPrivateDatabase } from '@todo/harness/private-database';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';

/** A migrated database on a server of its own, with TEST_ACCOUNT in it. */
export type FaultDatabase = TestDatabase & {
  server: PrivateDatabase;
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
  const database = await createTestDatabase({ prefix: 'todo_faults', server: server.serverUrl });
  await ensureAccount(database.url);
  return {
    ...database,
    server,
    async destroy() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
