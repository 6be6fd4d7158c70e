import { useSession } from '@todo/harness/sessions';
import { expect } from 'vitest';
import { newPage, watchPage } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// Issue 13, bug 5: the list is oldest first, so a task added while an earlier page is shown
// lands on the last page, out of sight. With JavaScript the page says so, with a link there;
// without it, the answer to the form is the last page itself, the new task in view.

const it = todoTest({ javascript: true });
const FIVE = ['One', 'Two', 'Three', 'Four', 'Five'];

it('with JavaScript, says where a task added on page 1 of several went, with a link', async ({
  app,
  page,
  stack,
}) => {
  await stack.seed(FIVE);
  await app.open('/?limit=2');
  expect(await app.titles()).toEqual(['One', 'Two']);

  await app.add('Six');
  const status = page.getByRole('status').filter({ hasText: 'on the last page' });
  await expect
    .poll(() => status.textContent())
    .toBe('Added “Six” on the last page. Show the last page');
  await expect.poll(app.count).toBe('6 items left');
  expect(await app.titles()).toEqual(['One', 'Two']);
  await status.getByRole('link', { name: 'Show the last page' }).click();
  await expect.poll(() => page.url()).toBe(`${stack.webUrl}/?limit=2&page=last`);
  await expect.poll(app.titles).toEqual(['Five', 'Six']);
  // Another page of the list: the note has done its job.
  expect(await page.getByText('on the last page').count()).toBe(0);

  // On the last page itself, a new task shows in place (the page stays the list's last two)
  // and nothing more is said.
  await app.add('Seven');
  await expect.poll(app.titles).toEqual(['Six', 'Seven']);
  expect(await page.getByText('on the last page').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
  await page.getByRole('link', { name: 'First page' }).click();
  await expect.poll(app.titles).toEqual(['One', 'Two']);
});

it('without JavaScript, answers the last page with the new task in view', async ({
  account,
  browser,
  stack,
}) => {
  await stack.seed(FIVE);
  const { context, page } = await newPage(browser, { javaScriptEnabled: false });
  const { problems } = watchPage(page, stack.webUrl);
  await useSession(context, stack.webUrl, account.session);
  const app = todoPage(page, stack.webUrl, { javascript: false });
  await app.open('/?limit=2');

  const [answer] = await Promise.all([page.waitForNavigation(), app.add('Six')]);
  expect(answer?.status()).toBe(200);
  expect(page.url()).toBe(`${stack.webUrl}/?limit=2&page=last`);
  expect(await app.titles()).toEqual(['Five', 'Six']);
  expect(await app.count()).toBe('6 items left');

  await Promise.all([page.waitForNavigation(), app.add('Seven')]);
  expect(page.url()).toBe(`${stack.webUrl}/?limit=2&page=last`);
  expect(await app.titles()).toEqual(['Six', 'Seven']);
  expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
  await context.close();
  expect(problems).toEqual([]);
});

it('refuses a malformed last-page URL with 404', async ({ page, problems, stack }) => {
  for (const query of ['?page=first', '?page=last&cursor=abc', '?page=last&page=last']) {
    expect((await page.goto(`${stack.webUrl}/${query}`))?.status(), query).toBe(404);
  }
  // The browser's notes of those 404s, asked for here.
  problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('404')));
});
