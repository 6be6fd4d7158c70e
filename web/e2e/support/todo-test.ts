import { launchChromium } from '@todo/harness/chromium';
import { type Stack, startStack } from '@todo/harness/stack';
import { addTask, removeAllTasks } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import { expect, test } from 'vitest';
import { newPage, watchPage } from './browser';
import { todoPage } from './todo-page';

/** The running app of one test file, and the few api moves its tests make. */
export type TodoStack = Stack<{ database: string; web: true }> & {
  /** Adds tasks through the api, in order. */
  seed(titles: string[]): Promise<void>;
  /** Empties the list through the api. */
  resetTasks(): Promise<void>;
};

async function startTodoStack(): Promise<TodoStack> {
  const stack = await startStack({
    database: await createTestDatabase({ prefix: 'todo_web_e2e' }),
    web: { env: { API_TIMEOUT_MS: '10000' } },
  });
  return {
    ...stack,
    async seed(titles) {
      for (const title of titles) await addTask(stack.apiUrl, title);
    },
    resetTasks: () => removeAllTasks(stack.apiUrl),
  };
}

/**
 * The `it` of a browser test file, with JavaScript on or off. Per file: a throwaway database,
 * the real api and the production web build in front (`stack`), and Chromium (`browser`). Per
 * test: an empty list and a fresh browser context whose console and requests are watched
 * (`page`, `app`, `problems`, and `settled`, which waits until none of the page's requests is
 * in flight); after the test, once its last request has settled, the console must be clean:
 * no CSP violation, no hydration error, no failed request, no warning.
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
      // Every test gets its fresh page and clean-console check, whether it looks at the page or not.
      .extend('session', { auto: true }, async ({ stack, browser }, { onCleanup }) => {
        await stack.resetTasks();
        const { context, page } = await newPage(browser, { javaScriptEnabled: options.javascript });
        const { problems, settled } = watchPage(page, stack.webUrl);
        onCleanup(async () => {
          // Let the last Server Action finish before the next test empties the list.
          await settled();
          await context.close();
          expect(problems).toEqual([]);
        });
        const app = todoPage(page, stack.webUrl, { javascript: options.javascript, settled });
        return { page, problems, settled, app };
      })
      .extend('page', ({ session }) => session.page)
      .extend('problems', ({ session }) => session.problems)
      .extend('settled', ({ session }) => session.settled)
      .extend('app', ({ session }) => session.app)
  );
}
