import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { buildApp } from './test-app.js';

export type Task = {
  id: number;
  title: string;
  status: string;
  createdAt: string;
  updatedAt: string;
};
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; in: string; message: string }>;
};

export type TaskApi = {
  testDb: TestDatabase;
  database: Database;
  api: ReturnType<typeof buildApp>;
  /** Creates a task through the API, asserting the 201. */
  create(title: string): Promise<Task>;
  /** The titles as the table holds them, oldest first. */
  storedTitles(): Promise<string[]>;
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
  });
  afterAll(() => context.testDb.drop());
  if (options.emptyEachTest) {
    beforeEach(async () => {
      await context.testDb.query('DELETE FROM Todo');
      await context.testDb.query('UPDATE TodoCounter SET ongoing = 0, completed = 0');
    });
  }
  return context;
}

/** Asserts an RFC 9457 problem answer, naming `field` when given, and returns it. */
export async function expectProblem(response: Response, status: number, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ type: 'about:blank', status });
  expect(problem.detail).toEqual(expect.any(String));
  expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
  if (field) expect(problem.errors?.map((error) => error.field)).toContain(field);
  return problem;
}
