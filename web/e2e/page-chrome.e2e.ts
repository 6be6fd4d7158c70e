import { useSession } from '@todo/harness/sessions';
import { describe, expect } from 'vitest';
import { newPage } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// What surrounds the list (issue 13, bug 8): each page's title names its view, the icon is
// served to anyone, and the double-click hint shows only where it can help: under rows, with
// a mouse.

const it = todoTest({ javascript: true });
const HINT = 'Double-click a task, or use its edit button, to rename it.';

/** The browser's console notes of the 404 pages a test asked for; anything else still counts. */
function dropNotFoundNotes(problems: string[]) {
  problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('404')));
}

describe('titles', () => {
  it('name the view: All, Active, Completed, Not found', async ({ app, page, problems, stack }) => {
    await stack.seed(['A']);
    for (const [path, title] of [
      ['/', 'All · Todo'],
      ['/active', 'Active · Todo'],
      ['/completed', 'Completed · Todo'],
      ['/no-such-page', 'Not found · Todo'],
      // A malformed list query is a 404 too.
      ['/?limit=0', 'Not found · Todo'],
    ] as const) {
      await page.goto(`${stack.webUrl}${path}`);
      expect(await page.title(), path).toBe(title);
    }
    // Moving between views in the browser (no reload) changes it as well.
    await app.open('/');
    await app.filter('Active').click();
    await expect.poll(() => page.title()).toBe('Active · Todo');
    dropNotFoundNotes(problems);
  });

  it('name the account pages when signed out', async ({ browser, stack }) => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${stack.webUrl}/sign-in`);
      expect(await page.title()).toBe('Sign in · Todo');
      await page.goto(`${stack.webUrl}/sign-up`);
      expect(await page.title()).toBe('Create your account · Todo');
    } finally {
      await context.close();
    }
  });
});

it('serves /favicon.ico to anyone, signed in or not', async ({ page, stack }) => {
  for (const cookie of [undefined, 'todo.session_token=forged']) {
    const response = await fetch(`${stack.webUrl}/favicon.ico`, {
      headers: cookie ? { cookie } : {},
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\//);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
  }
  // And the browser finds it from a page (no console error for a missing icon).
  const answer = await page.goto(`${stack.webUrl}/favicon.ico`);
  expect(answer?.status()).toBe(200);
});

describe('the double-click hint', () => {
  it('shows under a list with rows, not under an empty one nor on the 404 page', async ({
    app,
    page,
    problems,
    stack,
  }) => {
    await app.open();
    expect(await page.getByText(HINT).count()).toBe(0);
    await app.add('Feed the cat');
    await expect.poll(() => page.getByText(HINT).isVisible()).toBe(true);
    // A view with nothing in it: nothing to double-click.
    await app.open('/completed');
    expect(await page.getByText(HINT).count()).toBe(0);
    await page.goto(`${stack.webUrl}/no-such-page`);
    expect(await page.getByText(HINT).count()).toBe(0);
    dropNotFoundNotes(problems);
  });

  it('is not shown on a phone', async ({ account, browser, stack }) => {
    await stack.seed(['Feed the cat']);
    const { context, page } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await useSession(context, stack.webUrl, account.session);
    const phone = todoPage(page, stack.webUrl);
    await phone.open();
    expect(await phone.titles()).toEqual(['Feed the cat']);
    expect(await page.getByText(HINT).count()).toBe(1);
    expect(await page.getByText(HINT).isVisible()).toBe(false);
    await context.close();
  });
});
