import type { NodeService } from '@todo/harness/node-service';
import { startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV } from '@todo/harness/sessions';
import { describe, expect } from 'vitest';
import { artifactPath, watchPage } from './support/browser';
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

// Undo of a delete and of Clear completed with JavaScript on: the offer, what an undo gives
// back (read from the database: ids, titles, statuses, timestamps), an undo sent to another web
// process, and undos that must restore nothing. Without JavaScript: undo-no-javascript.e2e.ts.

const it = todoTest({ javascript: true });

describe('undo with JavaScript', () => {
  it('gives a deleted task back as it was, from a polite message that leaves the focus be', async ({
    app,
    page,
    stack,
    account,
    settled,
  }) => {
    await stack.seed(['Wash the car', 'Pay rent', 'Call mum']);
    await app.open();
    await app.toggle('Pay rent').click();
    await expect.poll(app.count).toBe('2 items left');
    await settled();
    const before = await taskRows(stack.databaseUrl, account.id);

    await app.remove('Pay rent').click();
    await expect
      .poll(() => undoNotice(page).locator('form').textContent())
      .toBe('Deleted “Pay rent” · Undo');
    expect(await undoNotice(page).getAttribute('role')).toBe('status');
    expect(await undoNotice(page).getAttribute('aria-live')).toBe('polite');
    expect(await app.titles()).toEqual(['Wash the car', 'Call mum']);
    expect(await page.evaluate(() => !!document.activeElement?.closest('.undo-notice'))).toBe(
      false,
    );
    await page.screenshot({ path: artifactPath('undo-offer-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: artifactPath('undo-offer-phone.png') });

    await undoButton(page).click();
    await expect.poll(app.titles).toEqual(['Wash the car', 'Pay rent', 'Call mum']);
    await expect.poll(() => undoNotice(page).textContent()).toBe('');
    expect(await app.toggle('Pay rent').getAttribute('aria-pressed')).toBe('true');
    expect(await app.count()).toBe('2 items left');
    expect(await taskRows(stack.databaseUrl, account.id)).toEqual(before);
    expect(await trashRows(stack.databaseUrl, account.id)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-task-title');
  });

  it('gives back every task a Clear completed took, statuses and counts included', async ({
    app,
    page,
    stack,
    account,
    settled,
  }) => {
    await stack.seed(['A', 'B', 'C', 'D']);
    await app.open();
    await app.toggle('A').click();
    await expect.poll(app.count).toBe('3 items left');
    await app.toggle('C').click();
    await expect.poll(app.count).toBe('2 items left');
    await settled();
    const before = await taskRows(stack.databaseUrl, account.id);

    await app.clearCompleted().click();
    await expect.poll(app.titles).toEqual(['B', 'D']);
    await expect
      .poll(() => undoNotice(page).locator('form').textContent())
      .toBe('Cleared 2 completed tasks · Undo');
    await undoButton(page).click();
    await expect.poll(app.titles).toEqual(['A', 'B', 'C', 'D']);
    expect(await app.clearCompleted().isVisible()).toBe(true);
    expect(await taskRows(stack.databaseUrl, account.id)).toEqual(before);
  });

  it('the offer goes at the next change, and when dismissed', async ({ app, page, stack }) => {
    await stack.seed(['One', 'Two', 'Three']);
    await app.open();
    await app.remove('One').click();
    await expect.poll(() => undoNotice(page).locator('form').textContent()).toContain('One');
    await app.add('Four');
    await expect.poll(app.titles).toEqual(['Two', 'Three', 'Four']);
    await expect.poll(() => undoNotice(page).textContent()).toBe('');

    await app.remove('Two').click();
    await expect.poll(() => undoNotice(page).locator('form').textContent()).toContain('Two');
    await undoNotice(page).getByRole('button', { name: 'Dismiss' }).click();
    expect(await undoNotice(page).textContent()).toBe('');
    // Still dismissed after the page renders the same offer again.
    await app.toggle('Three').click();
    await expect.poll(app.count).toBe('1 item left');
    expect(await undoNotice(page).textContent()).toBe('');
  });

  it('an undo sent to a second web process restores the task', async ({
    app,
    page,
    stack,
    account,
    settled,
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
      await app.remove('Bring back').click();
      await expect.poll(app.titles).toEqual(['Keep']);
      await settled();

      // The same browser (its cookies), on the other process: the offer is there too.
      const other = await page.context().newPage();
      const watched = watchPage(other, replica.url);
      const there = todoPage(other, replica.url, { settled: watched.settled });
      await there.open();
      await expect
        .poll(() => undoNotice(other).locator('form').textContent())
        .toBe('Deleted “Bring back” · Undo');
      await undoButton(other).click();
      await expect.poll(there.titles).toEqual(['Keep', 'Bring back']);
      await watched.settled();
      expect(watched.problems).toEqual([]);
      await other.close();
      expect(await taskRows(stack.databaseUrl, account.id)).toEqual(before);
    } finally {
      await replica?.stop();
    }
  });

  it('a forged id or batch, another account’s, or one past its window restores nothing', async ({
    app,
    page,
    stack,
    account,
  }) => {
    const other = await otherAccountWithTrash(stack);
    await stack.seed(['Mine', 'Done']);
    await app.open();
    await app.toggle('Done').click();
    await expect.poll(app.count).toBe('1 item left');

    await app.remove('Mine').click();
    await expect.poll(() => undoNotice(page).locator('form').count()).toBe(1);
    await forgeUndoField(page, 'id', String(other.taskId));
    await undoButton(page).click();
    await expect.poll(() => undoNotice(page).textContent()).toContain(NO_LONGER);
    expect(await undoButton(page).count()).toBe(0);
    expect(await taskRows(stack.databaseUrl, other.owner)).toEqual([]);
    expect(await trashRows(stack.databaseUrl, other.owner)).toHaveLength(1);

    await app.open();
    await app.clearCompleted().click();
    await expect.poll(() => undoNotice(page).locator('form').count()).toBe(1);
    await forgeUndoField(page, 'batch', other.batch);
    await undoButton(page).click();
    await expect.poll(() => undoNotice(page).textContent()).toContain(NO_LONGER);
    expect(await taskRows(stack.databaseUrl, other.owner)).toEqual([]);
    expect(await trashRows(stack.databaseUrl, other.owner)).toHaveLength(1);

    // Past the window: the trash has let go of the rows.
    await app.open();
    await app.add('Late');
    await expect.poll(app.titles).toEqual(['Late']);
    await app.remove('Late').click();
    await expect.poll(() => undoNotice(page).locator('form').count()).toBe(1);
    await endUndoWindow(stack.databaseUrl, account.id);
    await undoButton(page).click();
    await expect.poll(() => undoNotice(page).textContent()).toContain(NO_LONGER);
    expect(await app.titles()).toEqual([]);
    expect(await taskRows(stack.databaseUrl, account.id)).toEqual([]);
  });
});
