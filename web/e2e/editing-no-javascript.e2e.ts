import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { query } from './support/account-rows';
import { artifactPath } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// Editing and focus with JavaScript off (issue 13, bugs 1, 2 and 3): every answer is a page, and
// focus must land where the person was, from the page's own `autofocus`.

const it = todoTest({ javascript: false });

async function submitWithEnter(field: Locator) {
  await Promise.all([field.page().waitForEvent('load'), field.press('Enter')]);
}

async function clickAndLoad(target: Locator) {
  await Promise.all([target.page().waitForEvent('load'), target.click()]);
}

const isFocused = (locator: Locator) => locator.evaluate((node) => node === document.activeElement);

/** Where an element and its text are drawn. */
const boxes = (locator: Locator) =>
  locator.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const { top, height } = node.getBoundingClientRect();
    const text = range.getBoundingClientRect();
    return { box: { top, height }, text: { top: text.top, bottom: text.bottom } };
  });

it('focuses the edit field of ?edit=<id>, with Cancel level with Save', async ({
  app,
  page,
  stack,
}) => {
  await stack.seed(['Fold the laundry']);
  await app.open();
  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Fold the laundry').click()]);
  expect(await isFocused(app.editField('Fold the laundry'))).toBe(true);

  // The boxes, and the words inside them (a stretched link keeps its text at the top).
  const save = await boxes(page.getByRole('button', { name: 'Save' }));
  const cancel = await boxes(page.getByRole('button', { name: 'Cancel' }));
  expect(Math.abs(save.box.top - cancel.box.top)).toBeLessThanOrEqual(1);
  expect(Math.abs(save.box.height - cancel.box.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(save.text.top - cancel.text.top)).toBeLessThanOrEqual(1);
  expect(Math.abs(save.text.bottom - cancel.text.bottom)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: artifactPath('editing-no-javascript.png') });
});

it('puts focus back on the row after a save, a toggle and a delete, on clean URLs', async ({
  app,
  page,
  stack,
}) => {
  await stack.seed(['Alpha', 'Beta', 'Gamma']);
  await app.open();
  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Beta').click()]);
  await app.editField('Beta').fill('Beta two');
  await submitWithEnter(app.editField('Beta'));
  expect(page.url()).toBe(`${stack.webUrl}/`);
  expect(await app.titles()).toEqual(['Alpha', 'Beta two', 'Gamma']);
  expect(await isFocused(app.edit('Beta two'))).toBe(true);

  await clickAndLoad(app.toggle('Alpha'));
  expect(await isFocused(app.toggle('Alpha'))).toBe(true);

  // The next row's toggle, the previous one's for the last row, then the new-task field.
  await clickAndLoad(app.remove('Beta two'));
  expect(page.url()).toBe(`${stack.webUrl}/`);
  expect(await app.titles()).toEqual(['Alpha', 'Gamma']);
  expect(await isFocused(app.toggle('Gamma'))).toBe(true);
  await clickAndLoad(app.remove('Gamma'));
  expect(await isFocused(app.toggle('Alpha'))).toBe(true);

  // Said once: a reload focuses the new-task field as any visit does.
  await page.reload();
  expect(await isFocused(app.newTask)).toBe(true);

  await clickAndLoad(app.remove('Alpha'));
  expect(await app.titles()).toEqual([]);
  expect(await isFocused(app.newTask)).toBe(true);
});

it('focuses the next row after a toggle hides one, the new-task field after Clear completed', async ({
  app,
  stack,
}) => {
  await stack.seed(['Done already', 'Still to do']);
  await app.open('/active');
  await clickAndLoad(app.toggle('Done already'));
  // Gone from this view: the next row's toggle.
  expect(await isFocused(app.toggle('Still to do'))).toBe(true);
  await clickAndLoad(app.clearCompleted());
  expect(await app.titles()).toEqual(['Still to do']);
  expect(await isFocused(app.newTask)).toBe(true);
});

it('shows the list without a task deleted in another tab, with true counts', async ({
  app,
  page,
  problems,
  stack,
}) => {
  await stack.seed(['Ghost', 'Stay']);
  await app.open();
  const otherTab = await page.context().newPage();
  const other = todoPage(otherTab, stack.webUrl, { javascript: false });
  await other.open();
  await clickAndLoad(other.remove('Ghost'));
  await otherTab.close();

  const [answer] = await Promise.all([page.waitForNavigation(), app.toggle('Ghost').click()]);
  expect(answer?.status()).toBe(404);
  expect(await page.locator('#rows-message').textContent()).toContain('That task no longer exists');
  expect(await app.titles()).toEqual(['Stay']);
  expect(await app.count()).toBe('1 item left');
  // The browser logs the 404 status of that document itself; nothing else may appear.
  problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('404')));
});

/** The account's place in its change feed: every write the api makes moves it on. */
async function writesOf(databaseUrl: string, accountId: string): Promise<number> {
  const rows = await query<{ seq: number }>(
    databaseUrl,
    'SELECT last_seq AS seq FROM TaskFeed WHERE owner_id = ?',
    [accountId],
  );
  return Number(rows[0]?.seq ?? 0);
}

it('cancels an edit back to the row’s ✎ on a clean URL, writing nothing', async ({
  account,
  app,
  page,
  stack,
}) => {
  await stack.seed(['Alpha', 'Beta']);
  await app.open();
  const before = await writesOf(stack.databaseUrl, account.id);
  // Cancel drops what was typed, and focus returns to the ✎ that opened the edit.
  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Beta').click()]);
  await app.editField('Beta').fill('Beta changed');
  await clickAndLoad(page.getByRole('button', { name: 'Cancel' }));
  expect(page.url()).toBe(`${stack.webUrl}/`);
  expect(await app.titles()).toEqual(['Alpha', 'Beta']);
  expect(await isFocused(app.edit('Beta'))).toBe(true);
  expect(await writesOf(stack.databaseUrl, account.id)).toBe(before);
});

it('saves an unchanged title without a write, focus on its ✎', async ({
  account,
  app,
  page,
  stack,
}) => {
  await stack.seed(['Alpha', 'Beta']);
  await app.open();
  const before = await writesOf(stack.databaseUrl, account.id);

  // Save, by Enter and by the button, with the title as it was (spaces around it are trimmed
  // by any save): the ✎ again, and not one write.
  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Alpha').click()]);
  await submitWithEnter(app.editField('Alpha'));
  expect(page.url()).toBe(`${stack.webUrl}/`);
  expect(await isFocused(app.edit('Alpha'))).toBe(true);
  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Alpha').click()]);
  await app.editField('Alpha').fill('  Alpha ');
  await clickAndLoad(page.getByRole('button', { name: 'Save' }));
  expect(await isFocused(app.edit('Alpha'))).toBe(true);
  expect(await writesOf(stack.databaseUrl, account.id)).toBe(before);

  // A real change is still made, once.
  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Alpha').click()]);
  await app.editField('Alpha').fill('Alpha two');
  await submitWithEnter(app.editField('Alpha'));
  expect(await app.titles()).toEqual(['Alpha two', 'Beta']);
  expect(await writesOf(stack.databaseUrl, account.id)).toBe(before + 1);
});

it('returns focus to the mark-all toggle after pressing it', async ({ app, page, stack }) => {
  await stack.seed(['One', 'Two']);
  // A view the press empties: the toggle is still there to take focus, with its other words.
  await app.open('/active');
  await clickAndLoad(app.markAll());
  expect(page.url()).toBe(`${stack.webUrl}/active`);
  expect(await app.titles()).toEqual([]);
  const reopenAll = page.getByRole('button', { name: 'Mark all as not done' });
  expect(await isFocused(reopenAll)).toBe(true);

  await app.open();
  await clickAndLoad(reopenAll);
  expect(await app.count()).toBe('2 items left');
  expect(await isFocused(app.markAll())).toBe(true);
});
