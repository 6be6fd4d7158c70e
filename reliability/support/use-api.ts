import { ensureAccount } from '@todo/harness/accounts';
import type { NodeService } from '@todo/harness/node-service';
import { startApi } from '@todo/harness/services';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { afterAll, beforeAll } from 'vitest';

export type ApiOnTestDatabase = { db: TestDatabase; api: NodeService };

/**
 * A throwaway database with TEST_ACCOUNT in it and the compiled api on it, started before the tests of the enclosing
 * file or block and stopped (and dropped) after them.
 */
export function useApi(prefix: string): ApiOnTestDatabase {
  const context = {} as ApiOnTestDatabase;
  beforeAll(async () => {
    context.db = await createTestDatabase({ prefix });
    await ensureAccount(context.db.url);
    context.api = await startApi({ databaseUrl: context.db.url });
  });
  afterAll(async () => {
    await context.api?.stop();
    await context.db?.drop();
  });
  return context;
}
