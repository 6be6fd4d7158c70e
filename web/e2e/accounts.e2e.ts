import { launchChromium } from '@todo/harness/chromium';
import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import {
  ACCOUNT_TEST_ENV,
  accountIdOf,
  signIn,
  signUp,
  TEST_PASSWORD,
  useSession,
} from '@todo/harness/sessions';
import { type Stack, startStack } from '@todo/harness/stack';
import { addTask } from '@todo/harness/task-client';
import { createTestDatabase } from '@todo/harness/test-database';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  field,
  fillSignIn,
  fillSignUp,
  listStatus,
  screenshots,
  sessionCookie,
  submit,
  watchedPage,
} from './support/account-pages';
import { accountRows, query } from './support/account-rows';

// Accounts through the real web app in Chromium, with JavaScript on: a fresh install's first
// visit, sign-up, sign-in and its failures, where signed-out and signed-in visitors are sent,
// sign-out ending the session on every replica, and deleting an account with everything in it.
// The same forms without JavaScript: accounts-no-javascript.e2e.ts.

let stack: Stack<{ database: string; web: true }>;
let databaseUrl: string;
let browser: Browser;
/** A second web server on the same database and secret: another replica. */
let replica: NodeService;

beforeAll(async () => {
  const database = await createTestDatabase({ prefix: 'todo_web_accounts' });
  databaseUrl = database.url;
  // A fresh install: no account at all, not even the harness's.
  [stack, browser] = await Promise.all([
    startStack({ database, web: { env: ACCOUNT_TEST_ENV }, testAccount: false }),
    launchChromium(),
  ]);
  replica = await startWeb({ apiUrl: stack.apiUrl, databaseUrl, env: ACCOUNT_TEST_ENV });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await replica?.stop();
  await stack?.stop();
});

/** A browser page on the main web server, watched (see support/account-pages.ts). */
const opened = (options: { javascript?: boolean } = {}) =>
  watchedPage(browser, stack.webUrl, options);

describe('a fresh install', () => {
  it('sends the first visit to sign up; the first account adopts the tasks from before accounts', async () => {
    // Rows as a database from before accounts holds them: no owner.
    await query(
      databaseUrl,
      "INSERT INTO Todo (task, status) VALUES ('From the tutorial', 'ongoing'), ('Done long ago', 'completed')",
    );
    const { page, app, close } = await opened();
    const first = await page.goto(`${stack.webUrl}/`);
    expect(first?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.webUrl}/sign-up`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Create the first account',
    );
    await screenshots(page, 'sign-up');

    await fillSignUp(page, 'ada@example.test');
    const created = await submit(page, 'Create account');
    expect(created?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.webUrl}/`);
    await app.hydrated();
    expect(await page.getByRole('navigation', { name: 'Your account' }).textContent()).toContain(
      'ada@example.test',
    );
    expect(await app.titles()).toEqual(['From the tutorial', 'Done long ago']);
    expect(await app.count()).toBe('1 item left');
    await app.add('Water the plants');
    await expect.poll(app.titles).toContain('Water the plants');
    await screenshots(page, 'list-signed-in');

    const ada = await accountIdOf(databaseUrl, 'ada@example.test');
    await expect.poll(async () => (await accountRows(databaseUrl, ada)).tasks).toBe(3);
    expect(await query(databaseUrl, 'SELECT task_id FROM Todo WHERE owner_id IS NULL')).toEqual([]);
    await close();

    // The next account starts empty: the old tasks were adopted once.
    const { page: other, app: otherApp, close: closeOther } = await opened();
    await other.goto(`${stack.webUrl}/sign-up`);
    expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Create your account',
    );
    await fillSignUp(other, 'bob@example.test');
    await submit(other, 'Create account');
    await otherApp.hydrated();
    expect(await otherApp.titles()).toEqual([]);
    await closeOther();
  });
});

describe('signing in', () => {
  it('sends signed-out visitors of a list to sign in, and back to that list afterwards', async () => {
    const { page, close } = await opened();
    await page.goto(`${stack.webUrl}/active?limit=20`);
    expect(page.url()).toBe(`${stack.webUrl}/sign-in?returnTo=%2Factive%3Flimit%3D20`);
    await fillSignIn(page, 'ada@example.test', TEST_PASSWORD);
    const signedIn = await submit(page, 'Sign in');
    expect(signedIn?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.webUrl}/active?limit=20`);
    // Signed in, the account pages lead to the list.
    await page.goto(`${stack.webUrl}/sign-in`);
    expect(page.url()).toBe(`${stack.webUrl}/`);
    await page.goto(`${stack.webUrl}/sign-up`);
    expect(page.url()).toBe(`${stack.webUrl}/`);
    // A returnTo that is not a list of this app leads to the list, never elsewhere.
    for (const returnTo of ['https://evil.example/', '//evil.example', '/delete-account']) {
      await page.goto(`${stack.webUrl}/sign-in?${new URLSearchParams({ returnTo })}`);
      expect(page.url()).toBe(`${stack.webUrl}/`);
    }
    await close();
  });

  it('says what went wrong, inline and accessibly, under the status of the failure', async () => {
    const { page, close } = await opened();
    await page.goto(`${stack.webUrl}/sign-in`);
    await fillSignIn(page, 'ada@example.test', 'not the password');
    const refused = await submit(page, 'Sign in');
    expect(refused?.status()).toBe(401);
    const message = page.locator('#sign-in-message');
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.textContent()).toBe('The email address or the password is not right.');
    // The email typed stays; the password never comes back.
    expect(await field(page, 'Email address').inputValue()).toBe('ada@example.test');
    expect(await field(page, 'Password').inputValue()).toBe('');
    for (const label of ['Email address', 'Password']) {
      expect(await field(page, label).getAttribute('aria-invalid')).toBe('true');
      expect(await field(page, label).getAttribute('aria-describedby')).toContain(
        'sign-in-message',
      );
    }
    await screenshots(page, 'sign-in-error');

    // An address nobody has gets the same words: nothing says which accounts exist.
    await fillSignIn(page, 'nobody@example.test', 'not the password');
    expect((await submit(page, 'Sign in'))?.status()).toBe(401);
    expect(await message.textContent()).toBe('The email address or the password is not right.');

    await page.goto(`${stack.webUrl}/sign-up`);
    await fillSignUp(page, 'ada@example.test');
    expect((await submit(page, 'Create account'))?.status()).toBe(422);
    expect(await page.locator('#sign-up-message').textContent()).toBe(
      'An account with this email address already exists. Sign in instead.',
    );
    await fillSignUp(page, 'carol@example.test', 'one password', 'another password');
    expect((await submit(page, 'Create account'))?.status()).toBe(400);
    expect(await page.locator('#sign-up-message').textContent()).toBe(
      'The two passwords are not the same.',
    );
    // Past the browser's own checks, the server's: a password too short.
    await fillSignUp(page, 'carol@example.test', 'short', 'short');
    await page.locator('form.auth-form').evaluate((form) => {
      (form as HTMLFormElement).noValidate = true;
    });
    expect((await submit(page, 'Create account'))?.status()).toBe(400);
    expect(await page.locator('#sign-up-message').textContent()).toBe(
      'Choose a password of at least 8 characters.',
    );
    expect(
      await query(databaseUrl, "SELECT id FROM AuthUser WHERE email = 'carol@example.test'"),
    ).toEqual([]);
    await close([400, 401, 422]);
  });
});

describe('signing out', () => {
  it('is a POST that ends the session on every replica: the old cookie is refused', async () => {
    const { context, page, app, close } = await opened();
    await page.goto(`${stack.webUrl}/sign-in`);
    await fillSignIn(page, 'ada@example.test', TEST_PASSWORD);
    await submit(page, 'Sign in');
    await app.hydrated();
    const cookie = await sessionCookie(context);
    // The copy works on both replicas while the session lives (each from its cookie cache).
    expect(await listStatus(stack.webUrl, cookie)).toEqual({ status: 200, location: null });
    expect(await listStatus(replica.url, cookie)).toEqual({ status: 200, location: null });
    // A GET cannot sign anyone out.
    const get = await fetch(`${stack.webUrl}/auth/sign-out`, { headers: { cookie } });
    expect(get.status).toBe(405);
    expect(await listStatus(stack.webUrl, cookie)).toEqual({ status: 200, location: null });

    const signedOut = await submit(page, 'Sign out');
    expect(signedOut?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.webUrl}/sign-in?signedOut=1`);
    expect(await page.locator('#sign-in-message').textContent()).toBe('You are signed out.');
    expect(await sessionCookie(context)).toBe('');

    // The copy of the cookie, within its cookie cache's minute, is refused here at once and on
    // the other replica within a second or two.
    expect(await listStatus(stack.webUrl, cookie)).toEqual({ status: 303, location: '/sign-in' });
    await expect
      .poll(async () => (await listStatus(replica.url, cookie)).status, { timeout: 10_000 })
      .toBe(303);
    await close();
  });
});

describe('deleting an account', () => {
  it('asks for the password, then removes the account, its sessions and all its tasks', async () => {
    const session = await signUp(stack.webUrl, 'dora@example.test');
    const dora = await accountIdOf(databaseUrl, 'dora@example.test');
    for (const title of ['One', 'Two', 'Three']) await addTask(stack.apiUrl, title, dora);
    const bob = await accountIdOf(databaseUrl, 'bob@example.test');
    await addTask(stack.apiUrl, 'Bob keeps this', bob);
    const bobBefore = await accountRows(databaseUrl, bob);

    // Signed in on another device too.
    const otherDevice = await signIn(stack.webUrl, 'dora@example.test', TEST_PASSWORD);
    const { context, page, close } = await opened();
    await useSession(context, stack.webUrl, session);
    await page.goto(`${stack.webUrl}/`);
    await page.getByRole('link', { name: 'Delete account' }).click();
    await page.waitForURL(`${stack.webUrl}/delete-account`);
    expect(await page.locator('.auth-lead').textContent()).toContain('its 3 tasks');
    await screenshots(page, 'delete-account');

    await field(page, 'Your password, to confirm').fill('not the password');
    const refused = await submit(page, 'Delete my account and tasks');
    expect(refused?.status()).toBe(401);
    expect(await page.locator('#delete-account-message').textContent()).toBe(
      'That password is not right. Nothing was deleted.',
    );
    expect(await accountRows(databaseUrl, dora)).toMatchObject({ users: 1, tasks: 3 });

    await field(page, 'Your password, to confirm').fill(TEST_PASSWORD);
    const deleted = await submit(page, 'Delete my account and tasks');
    expect(deleted?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.webUrl}/sign-up?deleted=1`);
    expect(await page.locator('#sign-up-message').textContent()).toBe(
      'Your account and all its tasks were deleted.',
    );
    expect(await accountRows(databaseUrl, dora)).toEqual({
      users: 0,
      sessions: 0,
      logins: 0,
      tasks: 0,
      counterSlots: 0,
    });
    // Another account's rows are untouched; the deleted one's other session no longer works.
    expect(await accountRows(databaseUrl, bob)).toEqual(bobBefore);
    expect((await listStatus(stack.webUrl, otherDevice.cookie)).status).toBe(303);
    await expect
      .poll(async () => (await listStatus(replica.url, otherDevice.cookie)).status, {
        timeout: 10_000,
      })
      .toBe(303);
    await close([401]);
  });
});
