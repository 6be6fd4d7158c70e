import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { todoTest } from './support/todo-test';

// The same core flows with JavaScript off: every change is a plain form post to a Server
// Action, and every answer a server-rendered page.

const it = todoTest({ javascript: false });

/** Submits with Enter and waits for the page the server answers with. */
async function submitWithEnter(field: Locator) {
  await Promise.all([field.page().waitForEvent('load'), field.press('Enter')]);
}

async function clickAndLoad(target: Locator) {
  await Promise.all([target.page().waitForEvent('load'), target.click()]);
}

it('adds, trims and refuses an empty title, keeping what was typed', async ({
  app,
  page,
  problems,
}) => {
  await app.open();
  await app.newTask.fill('  Post the letter  ');
  await submitWithEnter(app.newTask);
  expect(await app.titles()).toEqual(['Post the letter']);
  expect(await app.newTask.inputValue()).toBe('');

  const long = 'y'.repeat(300);
  await app.newTask.fill(long);
  const [refused] = await Promise.all([page.waitForNavigation(), app.newTask.press('Enter')]);
  // The refusal is the page itself, with the status of a bad request.
  expect(refused?.status()).toBe(400);
  expect(await page.locator('#new-task-message').textContent()).toBe(
    'Keep the title to 255 characters or fewer.',
  );
  expect(await app.newTask.inputValue()).toBe(long);
  expect(await app.titles()).toEqual(['Post the letter']);
  // The browser logs the 400 status of that document itself; nothing else may appear.
  problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('400')));
});

it('toggles, edits through its edit page, and deletes', async ({ app, page, stack }) => {
  await stack.seed(['Wash the car', 'Pay rent']);
  await app.open();
  await clickAndLoad(app.toggle('Wash the car'));
  expect(await app.toggle('Wash the car').getAttribute('aria-pressed')).toBe('true');
  expect(await app.count()).toBe('1 item left');

  await Promise.all([page.waitForURL(/\?edit=\d+$/), app.edit('Pay rent').click()]);
  await app.editField('Pay rent').fill('Pay the rent');
  await Promise.all([
    page.waitForURL(`${stack.webUrl}/`),
    page.getByRole('button', { name: 'Save' }).click(),
  ]);
  expect(await app.titles()).toEqual(['Wash the car', 'Pay the rent']);

  await clickAndLoad(app.remove('Wash the car'));
  expect(await app.titles()).toEqual(['Pay the rent']);
});

it('marks all, filters by URL, and clears completed', async ({ app, page, stack }) => {
  await stack.seed(['A', 'B']);
  await app.open();
  await clickAndLoad(app.markAll());
  expect(await app.reopenAll().count()).toBe(1);
  expect(await app.count()).toBe('0 items left');

  await clickAndLoad(app.filter('Active'));
  expect(page.url()).toBe(`${stack.webUrl}/active`);
  expect(await app.titles()).toEqual([]);
  await clickAndLoad(app.filter('Completed'));
  expect(await app.titles()).toEqual(['A', 'B']);

  await clickAndLoad(app.clearCompleted());
  expect(await page.locator('.footer').count()).toBe(0);
  expect(await page.locator('.main').count()).toBe(0);
});
