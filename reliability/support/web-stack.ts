import { accountIdOf, type Session, signUp } from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { addTask } from '@todo/harness/task-client';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';

/**
 * A database of its own, the api on it, a fault proxy in front of the api, and the production
 * web server talking to the api through that proxy, with one account signed up through the
 * web (`session`: its cookie for fetch, its cookies for a browser). The api can be stopped and
 * started again on the same port.
 */
export type WebStack = Stack<{ database: TestDatabase; web: true; proxy: true }> & {
  db: TestDatabase;
  session: Session;
  accountId: string;
  /** Adds a task for the stack's account. */
  addTask(title: string): Promise<number>;
};

export async function startWebStack(apiTimeoutMs = 1000): Promise<WebStack> {
  const db = await createTestDatabase({ prefix: 'todo_web_rel' });
  const stack = await startStack({
    database: db,
    web: { env: { API_TIMEOUT_MS: String(apiTimeoutMs) } },
    proxy: true,
  });
  const session = await signUp(stack.webUrl);
  const accountId = await accountIdOf(db.url, session.email);
  return {
    ...stack,
    db,
    session,
    accountId,
    addTask: (title) => addTask(stack.apiUrl, title, accountId),
  };
}
