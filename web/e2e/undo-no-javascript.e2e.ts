import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV } from '@todo/harness/sessions';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { artifactPath } from './support/browser';
import { todoPage } from './support/todo-page';
import { todoTest } from './support/todo-test';
import {
  endUndoWindow,
  forgeUndoField,
  NO_LONGER,
  otherAccountWithTrash,
  taskRows,
  trashRows,
  undoButton,
  undoNotice,
} from './support/undo';

// Undo without JavaScript: the delete's or clear's 303 carries the offer to the next page view
// (a cookie, so any web process shows it), whose Undo is a plain form posting to
// /forms/undo-delete or /forms/undo-clear and answered 303 again (Post/Redirect/Get). A forged,
// foreign or expired undo is answered 404 with the message, and restores nothing.

const it = todoTest({ javascript: false });

/** Clicks a form's button and waits for the POST's answer and the page it leads to. */
async function post(page: Page, button: Locator, path: string) {
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.waitForEvent('load'),
    button.click(),
  ]);
  expect(new URL(answer.url()).pathname).toBe(path);
  return answer.status();
}

const offerText = (page: Page) => undoNotice(page).locator('form').textContent();

describe('undo without JavaScript', () => {
  it('a delete offers its undo on the next page, which gives the task back as it was', async ({
    app,
    page,
    stack,
    account,
  }) => {
    await stack.seed(['Wash the car', 'Pay rent']);
    await app.open();
    const before = await taskRows(stack.databaseUrl, account.id);

    expect(await post(page, app.remove('Pay rent'), '/forms/change')).toBe(303);
    expect(page.url()).toBe(`${stack.webUrl}/`);
    expect(await app.titles()).toEqual(['Wash the car']);
    expect(await offerText(page)).toBe('Deleted “Pay rent” · Undo');
    expect(await undoNotice(page).getAttribute('role')).toBe('status');
    expect(await undoNotice(page).getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('undo-offer-no-javascript.png') });

    expect(await post(page, undoButton(page), '/forms/undo-delete')).toBe(303);
    expect(page.url()).toBe(`${stack.webUrl}/`);
    expect(await app.titles()).toEqual(['Wash the car', 'Pay rent']);
    expect(await undoNotice(page).textContent()).toBe('');
    expect(await taskRows(stack.databaseUrl, account.id)).toEqual(before);

    // A reload sends nothing again and offers nothing more.
    await page.reload();
    expect(await app.titles()).toEqual(['Wash the car', 'Pay rent']);
    expect(await undoNotice(page).textContent()).toBe('');
  });

  it('a Clear completed is undone whole, statuses included, on the list it came from', async ({
    app,
    page,
    stack,
    account,
  }) => {
    await stack.seed(['A', 'B', 'C']);
    await app.open('/active?limit=2');
    await post(page, app.toggle('A'), '/forms/change');
    await app.open('/');
    await post(page, app.toggle('C'), '/forms/change');
    const before = await taskRows(stack.databaseUrl, account.id);

    await app.open('/completed');
    expect(await post(page, app.clearCompleted(), '/forms/clear-completed')).toBe(303);
    expect(page.url()).toBe(`${stack.webUrl}/completed`);
    expect(await offerText(page)).toBe('Cleared 2 completed tasks · Undo');
    expect(await post(page, undoButton(page), '/forms/undo-clear')).toBe(303);
    expect(page.url()).toBe(`${stack.webUrl}/completed`);
    expect(await app.titles()).toEqual(['A', 'C']);
    expect(await taskRows(stack.databaseUrl, account.id)).toEqual(before);
  });

  it('the next change ends the offer', async ({ app, page, stack }) => {
    await stack.seed(['One', 'Two']);
    await app.open();
    await post(page, app.remove('One'), '/forms/change');
    expect(await offerText(page)).toContain('One');
    await Promise.all([page.waitForEvent('load'), app.add('Three')]);
    expect(await app.titles()).toEqual(['Two', 'Three']);
    expect(await undoNotice(page).textContent()).toBe('');
  });

  it('an undo posted to a second web process restores the task', async ({
    app,
    page,
    stack,
    account,
  }) => {
    let replica: NodeService | undefined;
    try {
      replica = await startWeb({
        apiUrl: stack.apiUrl,
        databaseUrl: stack.databaseUrl,
        env: ACCOUNT_TEST_ENV,
      });
      await stack.seed(['Keep', 'Bring back']);
      await app.open();
      const before = await taskRows(stack.databaseUrl, account.id);
      await post(page, app.remove('Bring back'), '/forms/change');

      const other = await page.context().newPage();
      const there = todoPage(other, replica.url, { javascript: false });
      await there.open();
      expect(await offerText(other)).toBe('Deleted “Bring back” · Undo');
      expect(await post(other, undoButton(other), '/forms/undo-delete')).toBe(303);
      expect(other.url()).toBe(`${replica.url}/`);
      expect(await there.titles()).toEqual(['Keep', 'Bring back']);
      await other.close();
      expect(await taskRows(stack.databaseUrl, account.id)).toEqual(before);
      await app.open();
      expect(await app.titles()).toEqual(['Keep', 'Bring back']);
    } finally {
      await replica?.stop();
    }
  });

  it('a forged, foreign or expired undo answers 404 and restores nothing', async ({
    app,
    page,
    stack,
    account,
    problems,
  }) => {
    const other = await otherAccountWithTrash(stack);
    await stack.seed(['Mine', 'Done']);
    await app.open();
    await post(page, app.toggle('Done'), '/forms/change');

    await post(page, app.remove('Mine'), '/forms/change');
    await forgeUndoField(page, 'id', String(other.taskId));
    expect(await post(page, undoButton(page), '/forms/undo-delete')).toBe(404);
    expect(await undoNotice(page).textContent()).toBe(NO_LONGER);
    expect(await taskRows(stack.databaseUrl, other.owner)).toEqual([]);
    expect(await trashRows(stack.databaseUrl, other.owner)).toHaveLength(1);
    // The offer was spent: the next page offers nothing.
    await app.open();
    expect(await undoNotice(page).textContent()).toBe('');

    await post(page, app.clearCompleted(), '/forms/clear-completed');
    await forgeUndoField(page, 'batch', other.batch);
    expect(await post(page, undoButton(page), '/forms/undo-clear')).toBe(404);
    expect(await undoNotice(page).textContent()).toBe(NO_LONGER);
    expect(await trashRows(stack.databaseUrl, other.owner)).toHaveLength(1);

    // An id that is not one never reaches the api: a malformed form, 400.
    await app.open();
    await app.newTask.fill('Late');
    await Promise.all([page.waitForEvent('load'), app.newTask.press('Enter')]);
    await post(page, app.remove('Late'), '/forms/change');
    await forgeUndoField(page, 'id', 'one');
    expect(await post(page, undoButton(page), '/forms/undo-delete')).toBe(400);

    // Past the window (the trash has let go of the rows), the offer still on the page.
    await app.open();
    expect(await offerText(page)).toBe('Deleted “Late” · Undo');
    await endUndoWindow(stack.databaseUrl, account.id);
    expect(await post(page, undoButton(page), '/forms/undo-delete')).toBe(404);
    expect(await undoNotice(page).textContent()).toBe(NO_LONGER);
    expect(await app.titles()).toEqual([]);
    expect(await taskRows(stack.databaseUrl, account.id)).toEqual([]);
    // The browser logs the status of each refused page itself; nothing else may appear.
    problems.splice(0, problems.length, ...problems.filter((line) => !/40[04]/.test(line)));
  });
});
