import type { z } from '@hono/zod-openapi';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Database } from '../../src/db/client.js';
import type { Problem } from '../../src/http/problem.js';
import type { TaskSchema } from '../../src/tasks/contract.js';
import { accountRowSql, TEST_ACCOUNT } from './accounts.js';
import { buildApp } from './test-app.js';

export type Task = z.infer<typeof TaskSchema>;

export type TaskApi = {
  testDb: TestDatabase;
  database: Database;
  api: ReturnType<typeof buildApp>;
  /** Creates a task through the API, asserting the 201. */
  create(title: string): Promise<Task>;
  /** The titles as the table holds them, oldest first. */
  storedTitles(): Promise<string[]>;
  /** Creates the AuthUser row of an account, as signing up does. */
  addAccount(account: string): Promise<void>;
};

/**
 * The real app on this test file's own database, built before its tests and dropped after;
 * with `emptyEachTest`, every test starts from an empty table and zeroed counters.
 */
export function useTaskApi(options: { emptyEachTest?: boolean } = {}): TaskApi {
  const context = {
    async create(title: string) {
      const response = await context.api.send('POST', '/v1/tasks', { title });
      expect(response.status).toBe(201);
      return (await response.json()) as Task;
    },
    async addAccount(account: string) {
      await context.testDb.query(...accountRowSql(account));
    },
    async storedTitles() {
      const rows = await context.testDb.query<Array<RowDataPacket & { task: string }>>(
        'SELECT task FROM Todo ORDER BY task_id',
      );
      return rows.map((row) => row.task);
    },
  } as TaskApi;
  beforeAll(async () => {
    context.testDb = await createTestDatabase();
    context.database = context.testDb.open();
    context.api = buildApp(context.database);
    await context.addAccount(TEST_ACCOUNT);
  });
  afterAll(() => context.testDb.drop());
  if (options.emptyEachTest) {
    beforeEach(async () => {
      await context.testDb.query('DELETE FROM Todo');
      await context.testDb.query('DELETE FROM IdempotencyKey');
      await context.testDb.query('DELETE FROM TodoTrash');
      await context.testDb.query('DELETE FROM TaskEvent');
      await context.testDb.query('DELETE FROM TaskFeed');
      await context.testDb.query('DELETE FROM TodoCounter');
    });
  }
  return context;
}

/**
 * Asserts an RFC 9457 problem answer, naming `field` when given, of the given type (default
 * `about:blank`), and returns it.
 */
export async function expectProblem(
  response: Response,
  status: number,
  field?: string,
  type = 'about:blank',
) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ type, status });
  expect(problem.detail).toEqual(expect.any(String));
  expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
  if (field) expect(problem.errors?.map((error) => error.field)).toContain(field);
  return problem;
}
