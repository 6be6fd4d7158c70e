import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { artifactPath } from './support/browser';
import type { TodoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// "Where am I": Previous page as well as Next, and the position ("3–4 of 7"), by cursors (the
// api never skips rows with OFFSET), with JavaScript on and off, reached with the keyboard.

const pager = (page: Page) => page.getByRole('navigation', { name: 'Pages' });
const link = (page: Page, name: 'First page' | 'Previous page' | 'Next page') =>
  pager(page).getByRole('link', { name, exact: true });
const position = (page: Page) => pager(page).locator('.pager-position').textContent();

const SEVEN = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

/** Follows a pager link: a click, or with `keyboard` Tab to it and Enter. */
async function follow(
  page: Page,
  app: TodoPage,
  name: 'First page' | 'Previous page' | 'Next page',
  keyboard = false,
) {
  const from = page.url();
  if (keyboard) {
    await link(page, name).focus();
    await page.keyboard.press('Enter');
  } else {
    await link(page, name).click();
  }
  await page.waitForURL((url) => url.href !== from);
  await app.hydrated();
}

async function where(page: Page, app: TodoPage) {
  return {
    titles: await app.titles(),
    position: await position(page),
    links: await pager(page).getByRole('link').allTextContents(),
  };
}

for (const javascript of [true, false]) {
  const it = todoTest({ javascript });

  describe(`paging with JavaScript ${javascript ? 'on' : 'off'}`, () => {
    it('goes forward and back by cursor, saying where the page sits', async ({
      app,
      page,
      stack,
    }) => {
      await stack.seed(SEVEN);
      await app.open('/?limit=2');
      expect(await where(page, app)).toEqual({
        titles: ['A', 'B'],
        position: '1–2 of 7',
        links: ['Next page'],
      });

      await follow(page, app, 'Next page');
      expect(await where(page, app)).toEqual({
        titles: ['C', 'D'],
        position: '3–4 of 7',
        links: ['Previous page', 'Next page'],
      });
      // The page before the second is the first, at its own short URL.
      expect(await link(page, 'Previous page').getAttribute('href')).toBe('/?limit=2');

      await follow(page, app, 'Next page');
      await follow(page, app, 'Next page');
      expect(await where(page, app)).toEqual({
        titles: ['G'],
        position: '7 of 7',
        links: ['First page', 'Previous page'],
      });
      await page.screenshot({ path: artifactPath(`pager-${javascript ? 'js' : 'no-js'}.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({
        path: artifactPath(`pager-phone-${javascript ? 'js' : 'no-js'}.png`),
      });

      await follow(page, app, 'Previous page');
      expect(await where(page, app)).toEqual({
        titles: ['E', 'F'],
        position: '5–6 of 7',
        links: ['First page', 'Previous page', 'Next page'],
      });
      await follow(page, app, 'Previous page');
      await follow(page, app, 'Previous page');
      expect(page.url()).toBe(`${stack.webUrl}/?limit=2`);
      expect(await where(page, app)).toEqual({
        titles: ['A', 'B'],
        position: '1–2 of 7',
        links: ['Next page'],
      });
    });

    it('pages a filter by its own count, with the keyboard', async ({ app, page, stack }) => {
      await stack.seed(SEVEN);
      await app.open('/?limit=50');
      for (const title of ['B', 'D', 'F']) {
        if (javascript) {
          await app.toggle(title).click();
        } else {
          await Promise.all([page.waitForEvent('load'), app.toggle(title).click()]);
        }
      }
      await expect.poll(app.count).toBe('4 items left');

      await app.open('/active?limit=3');
      expect(await where(page, app)).toEqual({
        titles: ['A', 'C', 'E'],
        position: '1–3 of 4',
        links: ['Next page'],
      });
      await follow(page, app, 'Next page', true);
      expect(await where(page, app)).toEqual({
        titles: ['G'],
        position: '4 of 4',
        links: ['Previous page'],
      });
      await follow(page, app, 'Previous page', true);
      expect(await where(page, app)).toEqual({
        titles: ['A', 'C', 'E'],
        position: '1–3 of 4',
        links: ['Next page'],
      });

      await app.open('/completed?limit=2');
      expect(await position(page)).toBe('1–2 of 3');
      await follow(page, app, 'Next page', true);
      expect(await where(page, app)).toEqual({
        titles: ['F'],
        position: '3 of 3',
        links: ['Previous page'],
      });
    });

    it('a list of one page shows no pager', async ({ app, page, stack }) => {
      await stack.seed(['Only', 'Two']);
      await app.open('/?limit=2');
      expect(await app.titles()).toEqual(['Only', 'Two']);
      expect(await pager(page).count()).toBe(0);
    });
  });
}
