import { bearer } from '@todo/harness/accounts';
import { launchChromium } from '@todo/harness/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchPage } from './support/browser';
import { type ControlledStack, startControlledStack } from './support/controlled-stack';
import { todoPage } from './support/todo-page';

// Titles are whatever people type, in any script: stored and shown byte for byte, and each
// shown in a bidi island of its own, so that an override character cannot reorder its row.
// A title with nothing visible is refused.

let stack: ControlledStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startControlledStack({ apiTimeoutMs: 10_000 }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The titles as the api returns them from the database, oldest first. */
async function titlesInDatabase(): Promise<string[]> {
  const response = await fetch(`${stack.apiUrl}/v1/tasks?limit=200`, {
    headers: await bearer(stack.accountId),
  });
  const page = (await response.json()) as { items: Array<{ title: string }> };
  return page.items.map((item) => item.title);
}

describe('titles', () => {
  it('are stored and shown byte for byte, each in a bidi island of its own', async () => {
    const titles = ['Grüße 👩🏽‍💻 🇯🇵', 'שלום עולם', 'مرحبا بالعالم 123', 'abc\u202Etxt.exe'];
    const { context, page } = await stack.newPage(browser);
    const watched = watchPage(page, stack.webUrl);
    const app = todoPage(page, stack.webUrl, { settled: watched.settled });
    try {
      await app.open();
      for (const title of titles) {
        await app.add(title);
        await expect.poll(app.titles).toContain(title);
      }
      await expect.poll(titlesInDatabase).toEqual(titles);
      await app.open();
      expect(await app.titles()).toEqual(titles);
      const shown = page.locator('.todo-list .task-title');
      for (const index of titles.keys()) {
        const title = shown.nth(index);
        expect(await title.getAttribute('dir')).toBe('auto');
        expect(await title.evaluate((node) => getComputedStyle(node).unicodeBidi)).toBe('isolate');
      }
      // The override stays inside its title: the row's buttons keep their places.
      const row = app.item('txt.exe');
      const titleBox = await row.locator('.task-title').boundingBox();
      const deleteBox = await row.locator('.destroy').boundingBox();
      expect(deleteBox?.x).toBeGreaterThan((titleBox?.x ?? 0) + (titleBox?.width ?? 0) - 1);
      // The edit field, too.
      await page.getByText('שלום עולם', { exact: true }).dblclick();
      const field = app.editField('שלום עולם');
      expect(await field.getAttribute('dir')).toBe('auto');
      expect(await field.inputValue()).toBe('שלום עולם');
      await field.press('Escape');
      // A title with nothing to see is refused with words that say why.
      await app.add('\u200B\u200C\u2060\u3164');
      await expect
        .poll(() => page.locator('#new-task-message').textContent())
        .toBe('Enter a title with at least one visible character.');
      await watched.settled();
      expect(await titlesInDatabase()).toEqual(titles);
      expect(watched.problems).toEqual([]);
    } finally {
      await context.close();
      await stack.resetTasks();
    }
  });
});
