import { BATCH_PATTERN, parseTaskId, TASK_STATUSES } from '@todo/api/limits';
import { z } from 'zod';
import type { TaskApi } from '@/lib/api/tasks';
import type { Concern } from '@/lib/tasks/action-state';
import { intentKey } from '@/lib/tasks/intent-key';
import { pressedRowButton } from '@/lib/tasks/row-buttons';
import { titleSchema } from '@/lib/tasks/title';
import { isUnchangedTitle } from '@/lib/tasks/unchanged-title';
import { UNDO_EXPIRED_MESSAGE } from '@/lib/undo/offer';
import { type CommandName, type Outcome, refused, SUCCEEDED } from './outcome';

// One layer for both ways a change arrives: a Server Action (JavaScript) and a plain form post
// (app/forms/[command]/route.ts). Each command validates what the form sent (anyone can post
// anything), derives the idempotency key from the form's key and the intent, calls the api and
// says what came of it; answering is the caller's business.

export const INVALID_REQUEST = 'This request was not understood. Reload the page and try again.';

/**
 * The api's writes for the signed-in account (`accountTasks`), passed in so the command layer
 * can be tested on its own. A forged task id of another account answers 404 like a task that
 * is gone: "That task no longer exists".
 */
export type TaskWrites = Pick<
  TaskApi,
  | 'createTask'
  | 'updateTask'
  | 'deleteTask'
  | 'markAllTasks'
  | 'clearCompletedTasks'
  | 'readTask'
  | 'restoreTask'
  | 'restoreBatch'
>;

type Command = (form: FormData, api: TaskWrites) => Promise<Outcome>;

const statusSchema = z.enum(TASK_STATUSES);

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? INVALID_REQUEST;
}

/**
 * Deletes a task and offers to undo it. The api's delete answers nothing, so the title the
 * offer shows is read first; if that read fails the delete still goes ahead, offered untitled.
 * Already gone (deleted elsewhere) is what was asked, with nothing of ours to undo.
 */
async function deleteTask(
  form: FormData,
  api: TaskWrites,
  id: number,
  about: Concern,
): Promise<Outcome> {
  const before = await api.readTask(id);
  const result = await api.deleteTask(intentKey(form, 'delete', id), id);
  if (!result.ok && result.kind === 'not-found') return SUCCEEDED;
  if (!result.ok) return refused(result.kind, result.message, about);
  const title = before.ok ? { title: before.value.title } : {};
  return { ok: true, undo: { kind: 'delete', id, ...title } };
}

const add: Command = async (form, api) => {
  const typed = text(form, 'title') ?? '';
  const title = titleSchema.safeParse(typed);
  if (!title.success) return refused('validation', firstIssue(title.error), { title: typed });
  const result = await api.createTask(intentKey(form, 'add', title.data), title.data);
  return result.ok ? SUCCEEDED : refused(result.kind, result.message, { title: typed });
};

const rename: Command = async (form, api) => {
  const id = parseTaskId(text(form, 'id') ?? '');
  if (id === null) return refused('invalid', INVALID_REQUEST);
  const typed = text(form, 'title') ?? '';
  const about = { title: typed, taskId: id };
  // TodoMVC: saving an emptied title deletes the task; already gone is what was asked.
  if (typed.trim() === '') return deleteTask(form, api, id, about);
  const title = titleSchema.safeParse(typed);
  if (!title.success) return refused('validation', firstIssue(title.error), about);
  // Saved as it was (without JavaScript, Save posts whatever the field holds): nothing to ask.
  if (isUnchangedTitle(form, title.data)) return SUCCEEDED;
  const result = await api.updateTask(intentKey(form, 'rename', id, title.data), id, {
    title: title.data,
  });
  return result.ok ? SUCCEEDED : refused(result.kind, result.message, about);
};

/** The task rows' shared form: which button was pressed, and on which task (row-buttons.ts). */
const change: Command = async (form, api) => {
  const pressed = pressedRowButton(form);
  const id = parseTaskId(pressed?.value ?? '');
  if (!pressed || id === null) return refused('invalid', INVALID_REQUEST);
  const { button } = pressed;
  const about = { taskId: id };
  if (button === 'delete') return deleteTask(form, api, id, about);
  const status = button === 'complete' ? 'completed' : 'ongoing';
  const result = await api.updateTask(intentKey(form, button, id), id, { status });
  return result.ok ? SUCCEEDED : refused(result.kind, result.message, about);
};

const markAll: Command = async (form, api) => {
  const status = statusSchema.safeParse(text(form, 'status'));
  if (!status.success) return refused('invalid', INVALID_REQUEST);
  const result = await api.markAllTasks(intentKey(form, 'mark-all', status.data), status.data);
  return result.ok ? SUCCEEDED : refused(result.kind, result.message);
};

const clearCompleted: Command = async (form, api) => {
  const result = await api.clearCompletedTasks(intentKey(form, 'clear-completed'));
  if (!result.ok) return refused(result.kind, result.message);
  const { deleted, batch } = result.value;
  return batch === null || deleted === 0
    ? SUCCEEDED
    : { ok: true, undo: { kind: 'clear', batch, count: deleted } };
};

// An undo names what to restore; the api restores it only for this account and within its
// window, so a forged id or batch, another account's, or one too old, restores nothing and
// says so.
const expired = (about: Concern = {}) => refused('not-found', UNDO_EXPIRED_MESSAGE, about);

const undoDelete: Command = async (form, api) => {
  const id = parseTaskId(text(form, 'id') ?? '');
  if (id === null) return refused('invalid', INVALID_REQUEST);
  const result = await api.restoreTask(intentKey(form, 'undo-delete', id), id);
  if (result.ok) return SUCCEEDED;
  return result.kind === 'not-found' ? expired() : refused(result.kind, result.message);
};

const undoClear: Command = async (form, api) => {
  const batch = text(form, 'batch') ?? '';
  if (!BATCH_PATTERN.test(batch)) return refused('invalid', INVALID_REQUEST);
  const result = await api.restoreBatch(intentKey(form, 'undo-clear', batch), batch);
  if (!result.ok) {
    return result.kind === 'not-found' ? expired() : refused(result.kind, result.message);
  }
  return result.value.restored > 0 ? SUCCEEDED : expired();
};

const COMMANDS: Record<CommandName, Command> = {
  add,
  rename,
  change,
  'mark-all': markAll,
  'clear-completed': clearCompleted,
  'undo-delete': undoDelete,
  'undo-clear': undoClear,
};

/**
 * Runs one command on what was posted. `form` is `unknown` on purpose: a Server Action can be
 * called with any arguments a crafted request encodes, and anything but a form is refused.
 */
export async function runCommand(
  name: CommandName,
  form: unknown,
  api: TaskWrites,
): Promise<Outcome> {
  if (!(form instanceof FormData)) return refused('invalid', INVALID_REQUEST);
  return COMMANDS[name](form, api);
}
