'use server';

import { refresh } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { accountTasks } from '@/lib/api/tasks';
import { accountOf } from '@/lib/auth/request-account';
import { SIGN_IN_PATH } from '@/lib/auth/routes';
import { runCommand } from '@/lib/commands/commands';
import { actionStateOf, type CommandName } from '@/lib/commands/outcome';
import { type ActionState, done } from '@/lib/tasks/action-state';
import { keepUndoOffer } from '@/lib/undo/action-cookie';

// The Server Actions, called by the forms' submit handlers when JavaScript runs (without it the
// forms post to app/forms/[command]/route.ts). Both run the same commands, as the signed-in
// account (a session that ended meanwhile is sent to sign in). On success the page is
// re-rendered in the same response; on failure nothing is refreshed (but for a task that no
// longer exists), so the browser's optimistic change falls back to what the server last
// rendered. The arguments are `unknown`: a crafted request can encode anything, and the command
// refuses what is not a form.

async function answer(command: CommandName, form: unknown): Promise<ActionState> {
  const account = accountOf(await headers());
  if (!account) redirect(SIGN_IN_PATH);
  const outcome = await runCommand(command, form, accountTasks(account.id));
  // Before the refresh below, whose render shows the offer.
  await keepUndoOffer(command, outcome, account.id);
  if (!outcome.ok) {
    // Deleted meanwhile (in another tab): the page drawn again drops the ghost row and corrects
    // the counts, and the message shows above the list.
    if (outcome.kind === 'not-found') refresh();
    return actionStateOf(outcome);
  }
  refresh();
  return done();
}

export async function addTask(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('add', form);
}

export async function renameTask(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('rename', form);
}

/** The task rows' shared form: complete, reopen or delete one task. */
export async function changeTask(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('change', form);
}

export async function markAll(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('mark-all', form);
}

export async function clearCompleted(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('clear-completed', form);
}

/** The undo offer's button after a delete: restores the task it names. */
export async function undoDelete(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('undo-delete', form);
}

/** The undo offer's button after Clear completed: restores the batch it names. */
export async function undoClear(_previous: unknown, form: unknown): Promise<ActionState> {
  return answer('undo-clear', form);
}
