import { type Stack, startStack } from '@todo/harness/stack';
import { addTask } from '@todo/harness/task-client';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';

/**
 * A database of its own, the api on it, a fault proxy in front of the api, and the production
 * web server talking to the api through that proxy. The api can be stopped and started again
 * on the same port.
 */
export type WebStack = Stack<{ database: TestDatabase; web: true; proxy: true }> & {
  db: TestDatabase;
  addTask(title: string): Promise<number>;
};

export async function startWebStack(apiTimeoutMs = 1000): Promise<WebStack> {
  const db = await createTestDatabase({ prefix: 'todo_web_rel' });
  const stack = await startStack({
    database: db,
    web: { env: { API_TIMEOUT_MS: String(apiTimeoutMs) } },
    proxy: true,
  });
  return { ...stack, db, addTask: (title) => addTask(stack.apiUrl, title) };
}
