import { TEST_PASSWORD } from '@todo/harness/sessions';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { artifactPath, newPage, watchPage } from './browser';
import { todoPage } from './todo-page';

// The account pages as a person uses them in Chromium, for the accounts' browser tests.

/** A browser page, watched; `close(expected)` lists the statuses the test itself provoked. */
export async function watchedPage(
  browser: Browser,
  webUrl: string,
  options: { javascript?: boolean } = {},
) {
  const { context, page } = await newPage(browser, {
    javaScriptEnabled: options.javascript ?? true,
  });
  const watched = watchPage(page, webUrl);
  return {
    context,
    page,
    app: todoPage(page, webUrl, { settled: watched.settled }),
    /** Closes the context; the console must hold nothing but the provoked statuses. */
    async close(expected: number[] = []) {
      await watched.settled();
      await context.close();
      const unexpected = watched.problems.filter(
        (line) => !expected.some((status) => line.includes(`status of ${status}`)),
      );
      expect(unexpected).toEqual([]);
    },
  };
}

/** A desktop and a phone screenshot in .artifacts/web-e2e/. */
export async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: artifactPath(`${name}-desktop.png`) });
  await page.setViewportSize({ width: 390, height: 760 });
  await page.screenshot({ path: artifactPath(`${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

export async function fillSignUp(
  page: Page,
  email: string,
  password = TEST_PASSWORD,
  again = password,
) {
  await field(page, 'Email address').fill(email);
  await field(page, 'Password').fill(password);
  await field(page, 'Password again').fill(again);
}

export async function fillSignIn(page: Page, email: string, password: string) {
  await field(page, 'Email address').fill(email);
  await field(page, 'Password').fill(password);
}

/** Submits the page's form with its button and resolves to the answer the browser got. */
export async function submit(page: Page, button: string) {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return response;
}

/** The Cookie header of the session a browser context holds ('' when signed out). */
export const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies())
    .filter((cookie) => cookie.name.startsWith('todo.'))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');

/** The status a GET of `/` answers with the given cookie, without following redirects. */
export async function listStatus(webUrl: string, cookie: string) {
  const response = await fetch(`${webUrl}/`, { headers: { cookie }, redirect: 'manual' });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get('location') };
}
