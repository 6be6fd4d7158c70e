import { expect } from 'vitest';
import { todoTest } from './support/todo-test';

// The api stops in the middle of a session: changes roll back with a message and keep what was
// typed, the page answers 503 with a retry, and everything works again once the api is back.

const it = todoTest({ javascript: true });

const UNAVAILABLE =
  'The task service is not answering right now. Nothing was changed; try again in a moment.';

it('rolls back, says why, answers 503 with a retry, and recovers', async ({
  app,
  page,
  problems,
  stack,
}) => {
  await stack.seed(['Feed the cat']);
  await app.open();

  await stack.stopApi();

  await app.add('Buy bread');
  await expect.poll(() => page.locator('#new-task-message').textContent()).toBe(UNAVAILABLE);
  expect(await app.newTask.inputValue()).toBe('Buy bread');
  expect(await app.titles()).toEqual(['Feed the cat']);
  expect(await app.count()).toBe('1 item left');

  await app.toggle('Feed the cat').click();
  await expect
    .poll(() => app.item('Feed the cat').locator('.form-message').textContent())
    .toBe(UNAVAILABLE);
  expect(await app.toggle('Feed the cat').getAttribute('aria-pressed')).toBe('false');

  await expect.poll(async () => (await page.reload())?.status()).toBe(503);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks are unavailable');
  const retry = page.getByRole('link', { name: 'Try again' });
  expect(await retry.getAttribute('href')).toBe('/');

  await stack.startApi();
  const [response] = await Promise.all([page.waitForNavigation(), retry.click()]);
  expect(response?.status()).toBe(200);
  await app.hydrated();
  expect(await app.titles()).toEqual(['Feed the cat']);
  await app.add('Buy bread');
  await expect.poll(app.titles).toEqual(['Feed the cat', 'Buy bread']);

  // The only console lines are the browser's notes of the 503 answers themselves: those are
  // taken out here, anything else fails the clean-console check after the test.
  problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('503')));
});
