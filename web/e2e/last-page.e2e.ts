import { describe, expect } from 'vitest';
import { todoTest } from './support/todo-test';

// Issue 13, bug 5: the list is oldest first, so a task added while an earlier page is shown
// lands on the last page, out of sight. With JavaScript the page says so, with a link there;
// without it, the answer to the form is the last page itself, the new task in view.

describe.each([true, false])('JavaScript %s', (javascript) => {
  const it = todoTest({ javascript });

  it('a task added on page 1 of several is shown on, or linked to, the last page', async ({
    app,
    page,
    stack,
  }) => {
    await stack.seed(['One', 'Two', 'Three', 'Four', 'Five']);
    await app.open('/?limit=2');
    expect(await app.titles()).toEqual(['One', 'Two']);

    if (javascript) {
      await app.add('Six');
      const status = page.getByRole('status').filter({ hasText: 'on the last page' });
      await expect
        .poll(() => status.textContent())
        .toBe('Added “Six” on the last page. Show the last page');
      await expect.poll(app.count).toBe('6 items left');
      expect(await app.titles()).toEqual(['One', 'Two']);
      await status.getByRole('link', { name: 'Show the last page' }).click();
      await expect.poll(() => page.url()).toBe(`${stack.webUrl}/?limit=2&page=last`);
      await expect.poll(app.titles).toEqual(['Five', 'Six']);
      // Another page of the list: the note has done its job.
      expect(await page.getByText('on the last page').count()).toBe(0);
    } else {
      await Promise.all([page.waitForNavigation(), app.add('Six')]);
      expect(page.url()).toBe(`${stack.webUrl}/?limit=2&page=last`);
      expect(await app.titles()).toEqual(['Five', 'Six']);
      expect(await app.count()).toBe('6 items left');
    }

    // On the last page itself, a new task shows in place (the page stays the list's last two)
    // and nothing more is said.
    if (javascript) {
      await app.add('Seven');
      await expect.poll(app.titles).toEqual(['Six', 'Seven']);
      expect(await page.getByText('on the last page').count()).toBe(0);
    } else {
      await Promise.all([page.waitForNavigation(), app.add('Seven')]);
      expect(page.url()).toBe(`${stack.webUrl}/?limit=2&page=last`);
      expect(await app.titles()).toEqual(['Six', 'Seven']);
    }
    // From the last page back to the first.
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/?limit=2`),
      page.getByRole('link', { name: 'First page' }).click(),
    ]);
    expect(await app.titles()).toEqual(['One', 'Two']);
  });

  it('refuses a malformed last-page URL with 404', async ({ page, stack }) => {
    for (const query of ['?page=first', '?page=last&cursor=abc', '?page=last&page=last']) {
      expect((await page.goto(`${stack.webUrl}/${query}`))?.status(), query).toBe(404);
    }
  });
});
