import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV, useSession } from '@todo/harness/sessions';
import { expect, onTestFinished } from 'vitest';
import { newPage, watchPage } from './support/browser';
import { startReadFailingProxy } from './support/read-failing-proxy';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// Issue 13, bug 6, the other half: a change that went through, after which the page could not
// read the list again (the re-render in the Server Action's answer). The app stays, with the
// list it had (and what the change feed says of it), the notice that the list could not be read,
// and a Retry that reads it again.

const it = todoTest({ javascript: true });

it('a change whose page cannot be read again keeps the app and the list', async ({
  account,
  browser,
  stack,
}) => {
  await stack.seed(['Feed the cat']);
  const proxy = await startReadFailingProxy(stack.apiUrl);
  onTestFinished(() => proxy.stop());
  const web = await startWeb({
    apiUrl: proxy.url,
    databaseUrl: stack.databaseUrl,
    env: { API_TIMEOUT_MS: '10000', ...ACCOUNT_TEST_ENV },
  });
  // Stopped whether the test passes or not (stop() of a stopped server just answers its code).
  onTestFinished(async () => {
    await web.stop();
  });
  const { context, page } = await newPage(browser);
  const { problems, settled } = watchPage(page, web.url);
  await useSession(context, web.url, account.session);
  const app = todoPage(page, web.url, { settled });
  await app.open();

  proxy.state.failReads = true;
  await app.add('Buy bread');
  await expect
    .poll(() => page.locator('.unreadable .notice').textContent())
    .toBe('Your tasks could not be loaded right now. They are safe; reload the page in a moment.');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('todos');
  // The list it had, and the task just added: the change feed (not a list read) still reports
  // it, so the live list shows it in place.
  await expect.poll(app.titles).toEqual(['Feed the cat', 'Buy bread']);
  expect(await page.locator('#new-task-message').textContent()).toBe('');

  proxy.state.failReads = false;
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Retry' }).click()]);
  await app.hydrated();
  expect(await app.titles()).toEqual(['Feed the cat', 'Buy bread']);

  await settled();
  await context.close();
  expect(problems).toEqual([]);
});
