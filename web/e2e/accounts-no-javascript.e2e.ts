import { launchChromium } from '@todo/harness/chromium';
import { ACCOUNT_TEST_ENV, accountIdOf, TEST_PASSWORD } from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { createTestDatabase } from '@todo/harness/test-database';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountRows } from './support/account-rows';
import { newPage, watchPage } from './support/browser';
import { todoPage } from './support/todo-page';

// The account forms with JavaScript off: each is a plain form post answered Post/Redirect/Get
// (303 to the next page, so a reload or Back sends nothing again), or its page with the
// message under the failure's status.

let stack: Stack<{ database: string; web: true }>;
let databaseUrl: string;
let browser: Browser;

beforeAll(async () => {
  const database = await createTestDatabase({ prefix: 'todo_web_accounts_nojs' });
  databaseUrl = database.url;
  [stack, browser] = await Promise.all([
    startStack({ database, web: { env: ACCOUNT_TEST_ENV }, testAccount: false }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/**
 * Presses a form's button and resolves to the status of the POST itself and of the page the
 * browser ends on (after a 303, the GET of the next page).
 */
async function post(page: Page, button: string, form: string) {
  const [answer, landed] = await Promise.all([
    page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && response.url().endsWith(`/auth/${form}`),
    ),
    page.waitForNavigation(),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return { post: answer.status(), page: landed?.status() };
}

it('signs up, in and out with plain form posts, each answered 303, never sent twice', async () => {
  const { context, page } = await newPage(browser, { javaScriptEnabled: false });
  const watched = watchPage(page, stack.webUrl);
  const app = todoPage(page, stack.webUrl, { javascript: false, settled: watched.settled });
  try {
    await page.goto(`${stack.webUrl}/`);
    expect(page.url()).toBe(`${stack.webUrl}/sign-up`);
    await field(page, 'Email address').fill('nojs@example.test');
    await field(page, 'Password').fill(TEST_PASSWORD);
    await field(page, 'Password again').fill(TEST_PASSWORD);
    expect(await post(page, 'Create account', 'sign-up')).toEqual({ post: 303, page: 200 });
    expect(page.url()).toBe(`${stack.webUrl}/`);
    // The page is the list, got with a GET: a reload asks for it again and creates nothing.
    await page.reload();
    expect(page.url()).toBe(`${stack.webUrl}/`);
    const id = await accountIdOf(databaseUrl, 'nojs@example.test');
    expect(await accountRows(databaseUrl, id)).toMatchObject({ users: 1, sessions: 1 });

    // A change without JavaScript works as the signed-in account.
    await app.newTask.fill('Posted without JavaScript');
    await Promise.all([page.waitForNavigation(), app.newTask.press('Enter')]);
    expect(await app.titles()).toEqual(['Posted without JavaScript']);
    expect((await accountRows(databaseUrl, id)).tasks).toBe(1);

    expect(await post(page, 'Sign out', 'sign-out')).toEqual({ post: 303, page: 200 });
    expect(page.url()).toBe(`${stack.webUrl}/sign-in?signedOut=1`);
    expect(await page.locator('#sign-in-message').textContent()).toBe('You are signed out.');
    expect((await accountRows(databaseUrl, id)).sessions).toBe(0);
    // Back does not bring the list back: it is asked for again, and sends to sign in.
    await page.goBack();
    expect(page.url()).toMatch(`${stack.webUrl}/sign-in`);

    await page.goto(`${stack.webUrl}/sign-in`);
    await field(page, 'Email address').fill('nojs@example.test');
    await field(page, 'Password').fill('wrong password');
    expect(await post(page, 'Sign in', 'sign-in')).toEqual({ post: 401, page: 401 });
    expect(await page.getByRole('alert').textContent()).toBe(
      'The email address or the password is not right.',
    );
    expect(await field(page, 'Email address').inputValue()).toBe('nojs@example.test');
    // The failure page is the form again: sending it with the right password signs in.
    await field(page, 'Password').fill(TEST_PASSWORD);
    expect(await post(page, 'Sign in', 'sign-in')).toEqual({ post: 303, page: 200 });
    expect(await app.titles()).toEqual(['Posted without JavaScript']);
    expect((await accountRows(databaseUrl, id)).sessions).toBe(1);

    await page.getByRole('link', { name: 'Delete account' }).click();
    await field(page, 'Your password, to confirm').fill(TEST_PASSWORD);
    expect(await post(page, 'Delete my account and tasks', 'delete-account')).toEqual({
      post: 303,
      page: 200,
    });
    expect(page.url()).toBe(`${stack.webUrl}/sign-up?deleted=1`);
    expect(await accountRows(databaseUrl, id)).toEqual({
      users: 0,
      sessions: 0,
      logins: 0,
      tasks: 0,
      counterSlots: 0,
    });
    // The browser notes the 401 document it was answered with; nothing else may appear.
    await watched.settled();
    expect(watched.problems.filter((line) => !line.includes('status of 401'))).toEqual([]);
  } finally {
    await context.close();
  }
});
