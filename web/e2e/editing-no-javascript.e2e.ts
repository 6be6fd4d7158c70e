import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { artifactPath } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// Editing and focus with JavaScript off (issue 13, bugs 2 and 3): every answer is a page, and
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
  const cancel = await boxes(page.getByRole('link', { name: 'Cancel' }));
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
