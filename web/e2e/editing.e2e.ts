import { waitForHydration } from '@todo/harness/chromium';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { artifactPath } from './support/browser';
import { todoTest } from './support/todo-test';

// Editing, focus and the keyboard with JavaScript on (issue 13, bugs 1, 2, 3, 4 and 7, the
// growing editor and the `n` / `/` shortcuts). Each test failed before its fix.

const it = todoTest({ javascript: true });

/** The Server Action calls the page makes from now on, one entry per call. */
function actionsSent(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) {
      sent.push(request.url());
    }
  });
  return sent;
}

const isFocused = (locator: Locator) => locator.evaluate((node) => node === document.activeElement);

const idOf = async (toggle: Locator) => Number(await toggle.getAttribute('value'));

describe('the row below a task being edited', () => {
  it('takes its toggle, ✎, double-click and ×, and an unchanged title is not sent', async ({
    app,
    page,
    stack,
    settled,
  }) => {
    await stack.seed(['One', 'Two', 'Three', 'Four', 'Five', 'Six']);
    await app.open();
    const sent = actionsSent(page);

    // A row being edited is as tall as the others: nothing below moves when the edit ends.
    const viewHeight = await app
      .item('Three')
      .evaluate((node) => node.getBoundingClientRect().height);
    await app.edit('Four').click();
    expect(await app.item('Four').evaluate((node) => node.getBoundingClientRect().height)).toBe(
      viewHeight,
    );
    await app.toggle('Five').click();
    await expect.poll(() => app.toggle('Five').getAttribute('aria-pressed')).toBe('true');
    await settled();
    // The toggle only: leaving "Four" as it was sends nothing.
    expect(sent).toHaveLength(1);

    await app.edit('Four').click();
    await app.edit('Five').click();
    await expect.poll(() => isFocused(app.editField('Five'))).toBe(true);
    await app.editField('Five').press('Escape');

    await app.edit('Four').click();
    await page.getByText('Five', { exact: true }).dblclick();
    await expect.poll(() => isFocused(app.editField('Five'))).toBe(true);
    await app.editField('Five').press('Escape');

    await app.edit('Four').click();
    await app.remove('Five').click();
    await expect.poll(app.titles).toEqual(['One', 'Two', 'Three', 'Four', 'Six']);
    await settled();
    expect(sent).toHaveLength(2);

    // Enter on an unchanged title closes the editor without a request as well.
    await app.edit('Four').click();
    await app.editField('Four').press('Enter');
    await expect.poll(() => app.editField('Four').count()).toBe(0);
    await settled();
    expect(sent).toHaveLength(2);
  });
});

describe('focus', () => {
  it('lands in the edit field when the page is opened with ?edit=<id>', async ({ app, stack }) => {
    await stack.seed(['Fold the laundry']);
    await app.open();
    const id = await idOf(app.toggle('Fold the laundry'));
    await app.open(`/?edit=${id}`);
    await expect.poll(() => isFocused(app.editField('Fold the laundry'))).toBe(true);
  });

  it('goes to ✎ after Cancel of a ?edit=<id> page, with nothing sent, on the list’s URL', async ({
    app,
    page,
    stack,
    settled,
  }) => {
    await stack.seed(['Fold the laundry']);
    await app.open();
    const id = await idOf(app.toggle('Fold the laundry'));
    await app.open(`/?edit=${id}`);
    const sent = actionsSent(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await app.editField('Fold the laundry').fill('Fold it later');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => isFocused(app.edit('Fold the laundry'))).toBe(true);
    expect(page.url()).toBe(`${stack.webUrl}/`);
    await settled();
    expect(sent).toEqual([]);
    expect(requests.filter((url) => url.includes('/forms/'))).toEqual([]);
    expect(await app.titles()).toEqual(['Fold the laundry']);
  });

  it('goes to ✎ after Enter or Escape, to the next row after a delete, never to <body>', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Alpha', 'Beta', 'Gamma']);
    await app.open();
    await app.edit('Beta').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(app.editField('Beta'))).toBe(true);
    await page.keyboard.type(' two');
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual(['Alpha', 'Beta two', 'Gamma']);
    await expect.poll(() => isFocused(app.edit('Beta two'))).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(app.editField('Beta two'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(app.edit('Beta two'))).toBe(true);

    // The next row's toggle; the previous one's for the last row; then the new-task field.
    await app.remove('Beta two').focus();
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual(['Alpha', 'Gamma']);
    await expect.poll(() => isFocused(app.toggle('Gamma'))).toBe(true);
    await app.remove('Gamma').focus();
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual(['Alpha']);
    await expect.poll(() => isFocused(app.toggle('Alpha'))).toBe(true);
    await app.remove('Alpha').focus();
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual([]);
    await expect.poll(() => isFocused(app.newTask)).toBe(true);
  });

  it('goes to the new-task field after Clear completed', async ({ app, page, stack, settled }) => {
    await stack.seed(['Done already', 'Still to do']);
    await app.open();
    await app.toggle('Done already').click();
    await settled();
    await app.clearCompleted().focus();
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual(['Still to do']);
    await expect.poll(() => isFocused(app.newTask)).toBe(true);
  });
});

describe('the new-task field', () => {
  it('adds once on a quick double Enter, without "Enter a title."', async ({
    app,
    page,
    settled,
  }) => {
    await app.open();
    await app.newTask.fill('Buy milk');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual(['Buy milk']);
    await settled();
    expect(await page.locator('#new-task-message').textContent()).toBe('');
    await app.open();
    expect(await app.titles()).toEqual(['Buy milk']);
  });

  it('is reached with n or / from anywhere but a text field, and says so', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Task']);
    await app.open();
    expect(await app.newTask.getAttribute('aria-keyshortcuts')).toBe('n /');
    await app.toggle('Task').focus();
    await page.keyboard.press('n');
    await expect.poll(() => isFocused(app.newTask)).toBe(true);
    expect(await app.newTask.inputValue()).toBe('');
    await page.keyboard.type('nap/');
    expect(await app.newTask.inputValue()).toBe('nap/');

    await app.toggle('Task').focus();
    await page.keyboard.press('/');
    await expect.poll(() => isFocused(app.newTask)).toBe(true);
    expect(await app.newTask.inputValue()).toBe('nap/');

    // Typed into the edit field, and not with a modifier.
    await app.edit('Task').click();
    await page.keyboard.type('n/');
    expect(await app.editField('Task').inputValue()).toBe('Taskn/');
    expect(await isFocused(app.editField('Task'))).toBe(true);
    await page.keyboard.press('Escape');
    await app.toggle('Task').focus();
    await page.keyboard.press('Alt+n');
    expect(await isFocused(app.toggle('Task'))).toBe(true);
  });
});

describe('renaming', () => {
  it('closes on a click away after a refusal, without sending it again', async ({
    app,
    page,
    stack,
    settled,
  }) => {
    await stack.seed(['Short']);
    await app.open();
    const sent = actionsSent(page);
    await app.edit('Short').click();
    await app.editField('Short').fill('z'.repeat(256));
    await app.editField('Short').press('Enter');
    const refusal = page.getByText('Keep the title to 255 characters or fewer.');
    await expect.poll(() => refusal.count()).toBe(1);
    await settled();
    expect(sent).toHaveLength(1);

    await app.newTask.click();
    await expect.poll(() => app.editField('Short').count()).toBe(0);
    await settled();
    expect(sent).toHaveLength(1);
    expect(await refusal.count()).toBe(0);
    expect(await app.titles()).toEqual(['Short']);
  });

  it('removes a row deleted in another tab and corrects the count', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Ghost', 'Stay']);
    // This tab's live updates held back (its stream away), so that its row is still there when
    // clicked: with them, the row would leave as soon as the other tab deletes it.
    await page.route('**/events?*', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
        body: 'retry: 600000\n\n',
      }),
    );
    await app.open();
    const other = await page.context().newPage();
    await other.goto(`${stack.webUrl}/`);
    await waitForHydration(other, '#new-task-title');
    await other.getByRole('button', { name: 'Delete “Ghost”' }).click();
    await expect
      .poll(() => other.locator('.todo-list .task-title').allTextContents())
      .toEqual(['Stay']);
    await other.close();

    expect(await app.count()).toBe('2 items left');
    await app.toggle('Ghost').click();
    await expect
      .poll(() => page.locator('#rows-message').textContent())
      .toContain('That task no longer exists');
    await expect.poll(app.titles).toEqual(['Stay']);
    await expect.poll(app.count).toBe('1 item left');
  });

  it('grows the editor to show a long title whole; Enter saves it on one line', async ({
    app,
    page,
    stack,
  }) => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`)
      .join(' ')
      .slice(0, 250);
    await stack.seed([long]);
    await app.open();
    await app.edit(long).click();
    const field = app.editField(long);
    await expect.poll(() => isFocused(field)).toBe(true);
    const size = await field.evaluate((node) => ({
      scrollHeight: node.scrollHeight,
      clientHeight: node.clientHeight,
      scrollWidth: node.scrollWidth,
      clientWidth: node.clientWidth,
    }));
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight + 1);
    await page.screenshot({ path: artifactPath('editing-long-title.png') });

    await page.keyboard.type(' done');
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual([`${long} done`]);
    await app.open();
    expect(await app.titles()).toEqual([`${long} done`]);
  });
});
