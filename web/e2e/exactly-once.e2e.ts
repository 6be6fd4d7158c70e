import { launchChromium } from '@todo/harness/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactPath, watchPage } from './support/browser';
import { type ControlledStack, startControlledStack } from './support/controlled-stack';
import { todoPage } from './support/todo-page';

// Every change happens once and the page tells the truth about it, with JavaScript on and
// off, while the database really holds a lock or the api really stops answering (SIGSTOP):
// after each, the database is read and compared with what the page said.

const NOT_WRITTEN =
  'The task service did not answer in time. Nothing was changed; try again in a moment.';
const NOT_CONFIRMED =
  'The task service has not confirmed this change yet. Send it again: it will not be made twice.';
const RETRYING = 'Not confirmed yet; retrying…';
const LIST_UNREADABLE =
  'Your tasks could not be loaded right now. They are safe; reload the page in a moment.';
// Long enough for a busy 2-core machine; a stalled write waits this long, twice.
const API_TIMEOUT_MS = 2500;
const SLOW = { timeout: 30_000, interval: 200 };

let stack: ControlledStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startControlledStack({ apiTimeoutMs: API_TIMEOUT_MS }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const titlesInDatabase = async () => (await stack.rows()).map((row) => row.title);

function session(javascript: boolean) {
  let page: Page;
  let problems: string[];
  let app: ReturnType<typeof todoPage>;
  let release: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    await stack.resetTasks();
    ({ page } = await stack.newPage(browser, { javaScriptEnabled: javascript }));
    const watched = watchPage(page, stack.webUrl);
    problems = watched.problems;
    app = todoPage(page, stack.webUrl, { javascript, settled: watched.settled });
  });
  afterEach(async () => {
    stack.resumeApi();
    await release?.();
    release = undefined;
    await page.context().close();
    // The browser notes each 503 document it is answered with; nothing else may appear.
    expect(problems.filter((line) => !line.includes('503'))).toEqual([]);
  });
  return {
    page: () => page,
    app: () => app,
    problems: () => problems,
    lock: async (kind: 'read' | 'write') => {
      release = await stack.lockTables(kind);
    },
    unlock: async () => {
      await release?.();
      release = undefined;
    },
  };
}

async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: artifactPath(`${name}-desktop.png`) });
  await page.setViewportSize({ width: 390, height: 760 });
  await page.screenshot({ path: artifactPath(`${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('with JavaScript', () => {
  const { page, app, lock, unlock, problems } = session(true);

  it('says nothing was changed only when the api says so, and the database agrees', async () => {
    await stack.seed(['Feed the cat']);
    await app().open();
    await lock('read');

    await app().add('Buy bread');
    await expect
      .poll(() => page().locator('#new-task-message').textContent(), SLOW)
      .toBe(NOT_WRITTEN);
    expect(await app().newTask.inputValue()).toBe('Buy bread');
    expect(await app().titles()).toEqual(['Feed the cat']);

    await app().toggle('Feed the cat').click();
    await expect
      .poll(() => app().item('Feed the cat').locator('.form-message').textContent(), SLOW)
      .toBe(NOT_WRITTEN);
    expect(await app().toggle('Feed the cat').getAttribute('aria-pressed')).toBe('false');

    await unlock();
    // A later write lands; the two refused ones never do.
    await app().add('Buy milk');
    await expect.poll(titlesInDatabase, SLOW).toContain('Buy milk');
    expect(await stack.rows()).toEqual([
      { title: 'Feed the cat', status: 'ongoing' },
      { title: 'Buy milk', status: 'ongoing' },
    ]);
  });

  it('keeps a change whose answer was lost on screen, retries it with its key, and makes it once', async () => {
    await stack.seed(['Feed the cat']);
    await app().open();
    stack.pauseApi();

    await app().add('Call the bank');
    const message = page().locator('#new-task-message');
    await expect.poll(() => message.textContent(), SLOW).toBe(RETRYING);
    // Still shown while its outcome is unknown.
    expect(await app().titles()).toEqual(['Feed the cat', 'Call the bank']);
    await screenshots(page(), 'retrying');

    stack.resumeApi();
    await expect.poll(() => message.textContent(), SLOW).toBe('');
    await expect.poll(app().titles, SLOW).toEqual(['Feed the cat', 'Call the bank']);
    expect(await titlesInDatabase()).toEqual(['Feed the cat', 'Call the bank']);
    await app().open();
    expect(await app().titles()).toEqual(['Feed the cat', 'Call the bank']);
  });
  it('takes over a page answered to a form posted before it ran: the list’s address, its actions', async () => {
    await app().open();
    await app().newTask.fill('   ');
    // As when Enter comes before the page is hydrated: the browser posts the form itself.
    const [refused] = await Promise.all([
      page().waitForNavigation(),
      page()
        .locator('form.new-task')
        .evaluate((form) => (form as HTMLFormElement).submit()),
    ]);
    expect(refused?.status()).toBe(400);
    await app().hydrated();
    await expect.poll(() => page().url()).toBe(`${stack.webUrl}/`);
    expect(await page().locator('#new-task-message').textContent()).toBe('Enter a title.');

    await app().add('Water the plants');
    await expect.poll(titlesInDatabase, SLOW).toEqual(['Water the plants']);
    await expect.poll(() => page().locator('#new-task-message').textContent()).toBe('');
    // The browser logs the 400 status of that document itself; nothing else may appear.
    const logged = problems();
    logged.splice(0, logged.length, ...logged.filter((line) => !line.includes('400')));
  });
});

describe('without JavaScript', () => {
  const { page, app, lock, unlock } = session(false);

  async function submitTitle(title: string) {
    await app().newTask.fill(title);
    const [response] = await Promise.all([
      page().waitForNavigation(),
      app().newTask.press('Enter'),
    ]);
    return response;
  }

  it('answers a write the api refused with its page: 503, the message, the typed text; sent again, it is made once', async () => {
    await stack.seed(['Feed the cat']);
    await app().open();
    await lock('read');

    const refused = await submitTitle('Buy bread');
    expect(refused?.status()).toBe(503);
    expect(refused?.headers()['retry-after']).toBe('5');
    expect(await page().locator('#new-task-message').textContent()).toBe(NOT_WRITTEN);
    expect(await app().newTask.inputValue()).toBe('Buy bread');
    // Reads still work under this lock: the list is there.
    expect(await app().titles()).toEqual(['Feed the cat']);
    await screenshots(page(), 'no-js-failure');

    await unlock();
    expect(await titlesInDatabase()).toEqual(['Feed the cat']);
    const [sent] = await Promise.all([page().waitForNavigation(), app().newTask.press('Enter')]);
    expect(sent?.status()).toBe(200);
    expect(page().url()).toBe(`${stack.webUrl}/`);
    expect(await app().titles()).toEqual(['Feed the cat', 'Buy bread']);
    expect(await titlesInDatabase()).toEqual(['Feed the cat', 'Buy bread']);
  });

  it('still shows the form, the message and the typed text when the list cannot be read', async () => {
    await stack.seed(['Feed the cat']);
    await app().open();
    await lock('write');

    const refused = await submitTitle('Buy bread');
    expect(refused?.status()).toBe(503);
    expect(await page().getByRole('alert').textContent()).toBe(LIST_UNREADABLE);
    expect(await page().locator('#new-task-message').textContent()).toBe(NOT_WRITTEN);
    expect(await app().newTask.inputValue()).toBe('Buy bread');
    expect(await page().locator('.todo-list').count()).toBe(0);
    await screenshots(page(), 'no-js-list-unreadable');

    await unlock();
    expect(await titlesInDatabase()).toEqual(['Feed the cat']);
  });

  it('says "not confirmed" when the answer was lost, and a reload sends the same key: made once', async () => {
    await app().open();
    stack.pauseApi();

    const lost = await submitTitle('Renew the passport');
    expect(lost?.status()).toBe(503);
    expect(await page().locator('#new-task-message').textContent()).toBe(NOT_CONFIRMED);
    expect(await app().newTask.inputValue()).toBe('Renew the passport');

    stack.resumeApi();
    // The browser posts the same form again: the api replays its answer, or makes it now.
    const again = await page().reload();
    expect(again?.status()).toBe(200);
    expect(page().url()).toBe(`${stack.webUrl}/`);
    expect(await app().titles()).toEqual(['Renew the passport']);
    await page().reload();
    expect(await app().titles()).toEqual(['Renew the passport']);
    expect(await titlesInDatabase()).toEqual(['Renew the passport']);
  });

  it('redirects after a change, so reload and Back never send it again', async () => {
    await app().open();
    const newTaskForm = page().locator('form.new-task');
    const renderedKey = await newTaskForm.locator('input[name="formKey"]').inputValue();
    expect(renderedKey).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const added = await submitTitle('Post the letter');
    expect(added?.status()).toBe(200);
    expect(added?.request().method()).toBe('GET');
    expect(page().url()).toBe(`${stack.webUrl}/`);
    await page().reload();
    expect(await app().titles()).toEqual(['Post the letter']);

    // Back renders the list afresh: the change is on it, and its form has a new key.
    await page().goBack();
    expect(await app().titles()).toEqual(['Post the letter']);
    expect(await newTaskForm.locator('input[name="formKey"]').inputValue()).not.toBe(renderedKey);
    expect(await titlesInDatabase()).toEqual(['Post the letter']);

    // A browser that shows the old page from its back-forward cache sends that page's form
    // again, byte for byte: the same key, the same change, made once.
    const oldForm = (fields: Record<string, string>) => ({
      form: { formKey: renderedKey, returnTo: '/', ...fields },
      headers: { origin: stack.webUrl },
      maxRedirects: 0,
    });
    const resent = await page().request.post(
      `${stack.webUrl}/forms/add`,
      oldForm({ title: 'Post the letter' }),
    );
    expect(resent.status()).toBe(303);
    expect(await titlesInDatabase()).toEqual(['Post the letter']);
    // Another button of that old page is a change of its own.
    const id = (await app().toggle('Post the letter').getAttribute('value')) ?? '';
    const completed = await page().request.post(
      `${stack.webUrl}/forms/change`,
      oldForm({ complete: id }),
    );
    expect(completed.status()).toBe(303);
    expect(await stack.rows()).toEqual([{ title: 'Post the letter', status: 'completed' }]);
  });
});
