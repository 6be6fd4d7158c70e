import { launchChromium } from '@todo/harness/chromium';
import {
  ACCOUNT_TEST_ENV,
  accountIdOf,
  type Session,
  signUp,
  useSession,
} from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { addTask, removeAllTasks } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import { expect, test } from 'vitest';
import { newPage, watchPage } from './browser';
import { todoPage } from './todo-page';

/** An account made through the web's sign-up form: its session and its id (the api's owner). */
export type TestAccount = { session: Session; id: string };

/** The running app of one test file, and the few api moves its tests make. */
export type TodoStack = Stack<{ database: string; web: true }> & {
  databaseUrl: string;
  /** Signs up a new account through the web; later seeds and resets act for it. */
  newAccount(): Promise<TestAccount>;
  /** Adds tasks through the api, in order, for the test's account. */
  seed(titles: string[]): Promise<void>;
  /** Empties the test's account's list through the api. */
  resetTasks(): Promise<void>;
};

async function startTodoStack(): Promise<TodoStack> {
  const database = await createTestDatabase({ prefix: 'todo_web_e2e' });
  const stack = await startStack({
    database,
    web: { env: { API_TIMEOUT_MS: '10000', ...ACCOUNT_TEST_ENV } },
  });
  let current: string | undefined;
  const account = () => {
    if (!current) throw new Error('no account signed up yet');
    return current;
  };
  return {
    ...stack,
    databaseUrl: database.url,
    async newAccount() {
      const session = await signUp(stack.webUrl);
      current = await accountIdOf(database.url, session.email);
      return { session, id: current };
    },
    async seed(titles) {
      for (const title of titles) await addTask(stack.apiUrl, title, account());
    },
    resetTasks: () => removeAllTasks(stack.apiUrl, account()),
  };
}

/**
 * The `it` of a browser test file, with JavaScript on or off. Per file: a throwaway database,
 * the real api and the production web build in front (`stack`), and Chromium (`browser`). Per
 * test: a fresh account, signed up through the web's own form (`account`), so an empty list,
 * and a fresh browser context signed in as it, whose console and requests are watched (`page`,
 * `app`, `problems`, and `settled`, which waits until none of the page's requests is in
 * flight); after the test, once its last request has settled, the console must be clean: no
 * CSP violation, no hydration error, no failed request, no warning.
 */
export function todoTest(options: { javascript: boolean }) {
  return (
    test
      // biome-ignore lint/correctness/noEmptyPattern: vitest reads what a fixture needs from here.
      .extend('stack', { scope: 'file' }, async ({}, { onCleanup }) => {
        const stack = await startTodoStack();
        onCleanup(() => stack.stop());
        return stack;
      })
      // biome-ignore lint/correctness/noEmptyPattern: as above, it needs no other fixture.
      .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
        const browser = await launchChromium();
        onCleanup(() => browser.close());
        return browser;
      })
      // Every test gets its fresh account, page and clean-console check, whether it looks at
      // the page or not.
      .extend('session', { auto: true }, async ({ stack, browser }, { onCleanup }) => {
        const account = await stack.newAccount();
        const { context, page } = await newPage(browser, { javaScriptEnabled: options.javascript });
        await useSession(context, stack.webUrl, account.session);
        const { problems, settled } = watchPage(page, stack.webUrl);
        onCleanup(async () => {
          // Let the last Server Action finish before the next test starts.
          await settled();
          await context.close();
          expect(problems).toEqual([]);
        });
        const app = todoPage(page, stack.webUrl, { javascript: options.javascript, settled });
        return { account, page, problems, settled, app };
      })
      .extend('account', ({ session }) => session.account)
      .extend('page', ({ session }) => session.page)
      .extend('problems', ({ session }) => session.problems)
      .extend('settled', ({ session }) => session.settled)
      .extend('app', ({ session }) => session.app)
  );
}
