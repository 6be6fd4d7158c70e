import { accountIdOf, signUp } from '@todo/harness/sessions';
import { addTask, removeAllTasks } from '@todo/harness/task-client';
import type { Page } from 'playwright-core';
import { query } from './account-rows';
import type { TodoStack } from './todo-test';

/** The undo offer's live region, and its button. */
export const undoNotice = (page: Page) => page.locator('.undo-notice');
export const undoButton = (page: Page) => undoNotice(page).getByRole('button', { name: 'Undo' });

export const NO_LONGER = 'That can no longer be undone.';

/** An account's tasks as the database holds them, every column a restore must give back. */
export function taskRows(databaseUrl: string, owner: string) {
  return query<{ id: number; title: string; status: string; created: string; updated: string }>(
    databaseUrl,
    `SELECT task_id AS id, task AS title, status,
            CAST(created_at AS CHAR) AS created, CAST(updated_at AS CHAR) AS updated
       FROM Todo WHERE owner_id = ? ORDER BY task_id`,
    [owner],
  );
}

/** What waits in an account's trash for an undo. */
export function trashRows(databaseUrl: string, owner: string) {
  return query<{ id: number; batch: string }>(
    databaseUrl,
    'SELECT task_id AS id, batch FROM TodoTrash WHERE owner_id = ? ORDER BY task_id',
    [owner],
  );
}

/** The undo window over, as the api's purge ends it: the trash forgets the account's rows. */
export async function endUndoWindow(databaseUrl: string, owner: string) {
  await query(databaseUrl, 'DELETE FROM TodoTrash WHERE owner_id = ?', [owner]);
}

/**
 * Another account with one task deleted (so in its trash, undoable by it alone): its id, the
 * task's id and the clear's batch.
 */
export async function otherAccountWithTrash(stack: TodoStack) {
  const session = await signUp(stack.webUrl);
  const owner = await accountIdOf(stack.databaseUrl, session.email);
  const taskId = await addTask(stack.apiUrl, 'Not yours', owner);
  await removeAllTasks(stack.apiUrl, owner);
  const [trashed] = await trashRows(stack.databaseUrl, owner);
  if (!trashed) throw new Error('the other account has nothing in its trash');
  return { owner, taskId, batch: trashed.batch };
}

/**
 * Puts a forged value in a hidden field of the undo form, as someone forging it would. A copy
 * of the field replaces it: React would set the value it rendered back on the next render (the
 * focus or the pointer entering the bar is one), before the form is sent.
 */
export async function forgeUndoField(page: Page, name: 'id' | 'batch', value: string) {
  await undoNotice(page)
    .locator(`input[name="${name}"]`)
    .evaluate((input, forged) => {
      const copy = input.cloneNode() as HTMLInputElement;
      copy.value = forged;
      input.replaceWith(copy);
    }, value);
}
