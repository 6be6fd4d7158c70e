import { useSession } from '@todo/harness/sessions';
import { describe, expect } from 'vitest';
import { artifactPath, newPage, watchPage } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';

// The TodoMVC behaviour with JavaScript on, in Chromium, against the production build, the
// real api and a real database.

const it = todoTest({ javascript: true });

describe('adding', () => {
  it('focuses the new-task field on load, adds on Enter, trims, and refuses an empty title', async ({
    app,
    page,
  }) => {
    await app.open();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-task-title');
    expect(await page.locator('.main').count()).toBe(0);
    expect(await page.locator('.footer').count()).toBe(0);

    await app.add('   Water the plants   ');
    await expect.poll(app.titles).toEqual(['Water the plants']);
    expect(await app.newTask.inputValue()).toBe('');

    await app.add('    ');
    await expect.poll(() => page.locator('#new-task-message').textContent()).toBe('Enter a title.');
    expect(await app.titles()).toEqual(['Water the plants']);

    // Survives a reload: it is in the database, not only on the screen.
    await app.open();
    expect(await app.titles()).toEqual(['Water the plants']);
  });

  it('refuses a title over 255 characters and keeps the typed text', async ({ app, page }) => {
    await app.open();
    const long = 'x'.repeat(256);
    await app.add(long);
    await expect
      .poll(() => page.locator('#new-task-message').textContent())
      .toBe('Keep the title to 255 characters or fewer.');
    expect(await app.newTask.inputValue()).toBe(long);
    expect(await app.titles()).toEqual([]);
  });
});

describe('a task', () => {
  it('toggles between active and completed', async ({ app, stack }) => {
    await stack.seed(['Read a book']);
    await app.open();
    await app.toggle('Read a book').click();
    await expect.poll(() => app.toggle('Read a book').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => app.item('Read a book').getAttribute('class')).toContain('completed');
    await app.open();
    expect(await app.toggle('Read a book').getAttribute('aria-pressed')).toBe('true');
    await app.toggle('Read a book').click();
    await expect.poll(() => app.toggle('Read a book').getAttribute('aria-pressed')).toBe('false');
  });

  it('is edited by double-click: Enter saves, Escape cancels, blur saves', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Call mum']);
    await app.open();
    await page.getByText('Call mum', { exact: true }).dblclick();
    const field = app.editField('Call mum');
    expect(await field.evaluate((node) => node === document.activeElement)).toBe(true);
    await field.fill('  Call mum and dad  ');
    await field.press('Enter');
    await expect.poll(app.titles).toEqual(['Call mum and dad']);

    await page.getByText('Call mum and dad', { exact: true }).dblclick();
    await app.editField('Call mum and dad').fill('Something else');
    await app.editField('Call mum and dad').press('Escape');
    expect(await app.titles()).toEqual(['Call mum and dad']);

    await page.getByText('Call mum and dad', { exact: true }).dblclick();
    await app.editField('Call mum and dad').fill('Call everyone');
    await app.newTask.click();
    await expect.poll(app.titles).toEqual(['Call everyone']);
    await app.open();
    expect(await app.titles()).toEqual(['Call everyone']);
  });

  it('is edited from the keyboard with its Edit link, and an emptied title deletes it', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Keep', 'Drop']);
    await app.open();
    await app.edit('Drop').focus();
    await page.keyboard.press('Enter');
    await app.editField('Drop').fill('   ');
    await page.keyboard.press('Enter');
    await expect.poll(app.titles).toEqual(['Keep']);
    await app.open();
    expect(await app.titles()).toEqual(['Keep']);
  });

  it('is deleted with its delete button', async ({ app, stack }) => {
    await stack.seed(['One', 'Two']);
    await app.open();
    await app.remove('One').click();
    await expect.poll(app.titles).toEqual(['Two']);
    await app.open();
    expect(await app.titles()).toEqual(['Two']);
  });
});

describe('the list', () => {
  it('counts the items left, pluralised', async ({ app, stack }) => {
    await stack.seed(['A', 'B']);
    await app.open();
    expect(await app.count()).toBe('2 items left');
    await app.toggle('A').click();
    await expect.poll(app.count).toBe('1 item left');
    await app.toggle('B').click();
    await expect.poll(app.count).toBe('0 items left');
  });

  it('marks all done and back with a button that says which it will do', async ({ app, stack }) => {
    await stack.seed(['A', 'B', 'C']);
    await app.open();
    expect(await app.reopenAll().count()).toBe(0);
    await app.markAll().click();
    // Every task done: pressing it again would reopen them all, and it says so.
    await expect.poll(() => app.reopenAll().count()).toBe(1);
    expect(await app.markAll().count()).toBe(0);
    await expect.poll(app.count).toBe('0 items left');
    // Reopening one task makes it "Mark all as done" again.
    await app.toggle('B').click();
    await expect.poll(() => app.markAll().count()).toBe(1);
    await app.markAll().click();
    await expect.poll(() => app.reopenAll().count()).toBe(1);
    await app.reopenAll().click();
    await expect.poll(app.count).toBe('3 items left');
    expect(await app.markAll().count()).toBe(1);
  });

  it('shows "Clear completed" only when something is completed, and it clears them', async ({
    app,
    stack,
  }) => {
    await stack.seed(['A', 'B']);
    await app.open();
    expect(await app.clearCompleted().count()).toBe(0);
    await app.toggle('A').click();
    await expect.poll(() => app.clearCompleted().count()).toBe(1);
    await app.clearCompleted().click();
    await expect.poll(app.titles).toEqual(['B']);
    await expect.poll(() => app.clearCompleted().count()).toBe(0);
  });

  it('filters by URL: the views survive a reload and can be shared', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Active one', 'Done one']);
    await app.open();
    await app.toggle('Done one').click();
    await expect.poll(() => app.toggle('Done one').getAttribute('aria-pressed')).toBe('true');

    await app.filter('Active').click();
    await page.waitForURL(`${stack.webUrl}/active`);
    await expect.poll(app.titles).toEqual(['Active one']);
    expect(await app.filter('Active').getAttribute('aria-current')).toBe('page');
    await app.open('/active');
    expect(await app.titles()).toEqual(['Active one']);

    await app.filter('Completed').click();
    await page.waitForURL(`${stack.webUrl}/completed`);
    await expect.poll(app.titles).toEqual(['Done one']);

    // A completed task toggled in the Completed view leaves it.
    await app.toggle('Done one').click();
    await expect.poll(app.titles).toEqual([]);
    await app.filter('All').click();
    await page.waitForURL(`${stack.webUrl}/`);
    await expect.poll(app.titles).toEqual(['Active one', 'Done one']);
  });

  it('hides the list and the footer again when the last task goes', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['Only']);
    await app.open();
    expect(await page.locator('.footer').count()).toBe(1);
    await app.remove('Only').click();
    await expect.poll(() => page.locator('.footer').count()).toBe(0);
    expect(await page.locator('.main').count()).toBe(0);
  });

  it('pages with the api cursor and a limit the URL carries', async ({ app, page, stack }) => {
    await stack.seed(['T1', 'T2', 'T3', 'T4', 'T5']);
    await app.open('/?limit=2');
    expect(await app.titles()).toEqual(['T1', 'T2']);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(app.titles).toEqual(['T3', 'T4']);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(app.titles).toEqual(['T5']);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await page.getByRole('link', { name: 'First page' }).click();
    await expect.poll(app.titles).toEqual(['T1', 'T2']);
    expect(await app.count()).toBe('5 items left');
  });
});

describe('the site', () => {
  it('answers an unknown route with a real 404 page', async ({ page, problems, stack }) => {
    const response = await page.goto(`${stack.webUrl}/no/such/page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    // A list URL with a query that names no page, too (the limit goes up to 200).
    expect((await page.goto(`${stack.webUrl}/?limit=500`))?.status()).toBe(404);
    // The browser logs the 404 status of the document itself; nothing else may appear.
    problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('404')));
  });

  it('sends security headers with a CSP nonce, and /healthz answers without the api', async ({
    page,
    stack,
  }) => {
    const response = await page.goto(stack.webUrl);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-powered-by']).toBeUndefined();
    const health = await fetch(`${stack.webUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('shows two browsers each other’s changes after a reload', async ({
    account,
    app,
    browser,
    settled,
    stack,
  }) => {
    // The same account, signed in on another browser.
    const other = await newPage(browser);
    await useSession(other.context, stack.webUrl, account.session);
    const otherWatch = watchPage(other.page, stack.webUrl);
    const otherApp = todoPage(other.page, stack.webUrl, otherWatch);
    try {
      await Promise.all([app.open(), otherApp.open()]);
      await app.add('From the first');
      await expect.poll(app.titles).toEqual(['From the first']);
      await otherApp.add('From the second');
      await expect.poll(otherApp.titles).toEqual(['From the first', 'From the second']);
      // The list shows a change at once (optimistically); the other browser can only see it
      // once the writer's Server Action has answered, that is once the write is stored.
      await otherWatch.settled();
      await app.open();
      expect(await app.titles()).toEqual(['From the first', 'From the second']);
      await app.toggle('From the second').click();
      await expect.poll(app.count).toBe('1 item left');
      // The count above is the optimistic one: wait for the change to reach the server.
      await settled();
      await otherApp.open();
      expect(await otherApp.toggle('From the second').getAttribute('aria-pressed')).toBe('true');
    } finally {
      await other.context.close();
    }
  });

  it('looks right: a screenshot of a phone and a desktop view', async ({ app, page, stack }) => {
    await stack.seed(['Water the plants', 'Book the dentist', 'Renew the passport']);
    await app.open();
    await app.toggle('Book the dentist').click();
    await expect.poll(app.count).toBe('2 items left');
    await app.newTask.fill('Buy oat milk');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: artifactPath('desktop.png') });
    await page.setViewportSize({ width: 390, height: 760 });
    await page.screenshot({ path: artifactPath('phone.png'), fullPage: true });
  });
});
