'use server';

import { parseTaskId, TASK_STATUSES } from '@todo/api/limits';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  clearCompletedTasks,
  createTask,
  deleteTask,
  markAllTasks,
  updateTask,
} from '@/lib/api/tasks';
import { type ActionState, done, failed } from '@/lib/tasks/action-state';
import { intentKey } from '@/lib/tasks/intent-key';
import { parseListHref } from '@/lib/tasks/page-query';
import { pressedRowButton } from '@/lib/tasks/row-buttons';
import { titleSchema } from '@/lib/tasks/title';

// Every action validates what the form sent (anyone can post to it), calls the api, and on
// success re-renders the page in the same response. On failure nothing is refreshed, so the
// browser's optimistic change falls back to what the server last rendered.

const INVALID_REQUEST = 'This request was not understood. Reload the page and try again.';

const statusSchema = z.enum(TASK_STATUSES);

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? INVALID_REQUEST;
}

function succeeded(form: FormData): ActionState {
  // Where the no-JavaScript edit form returns to: a list URL of this app, never elsewhere.
  const returnTo = parseListHref(text(form, 'returnTo') ?? '');
  if (returnTo) redirect(returnTo);
  refresh();
  return done();
}

export async function addTask(_previous: ActionState, form: FormData): Promise<ActionState> {
  const typed = text(form, 'title') ?? '';
  const title = titleSchema.safeParse(typed);
  if (!title.success) return failed(firstIssue(title.error), { title: typed });
  const result = await createTask(intentKey(form, 'add', title.data), title.data);
  if (!result.ok) return failed(result.message, { title: typed });
  return succeeded(form);
}

export async function renameTask(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = parseTaskId(text(form, 'id') ?? '');
  if (id === null) return failed(INVALID_REQUEST);
  const typed = text(form, 'title') ?? '';
  const about = { title: typed, taskId: id };
  // TodoMVC: saving an emptied title deletes the task.
  if (typed.trim() === '') {
    const removed = await deleteTask(intentKey(form, 'delete', id), id);
    return removed.ok || removed.kind === 'not-found'
      ? succeeded(form)
      : failed(removed.message, about);
  }
  const title = titleSchema.safeParse(typed);
  if (!title.success) return failed(firstIssue(title.error), about);
  const result = await updateTask(intentKey(form, 'rename', id, title.data), id, {
    title: title.data,
  });
  if (!result.ok) return failed(result.message, about);
  return succeeded(form);
}

/** The task rows' shared form: which button was pressed, and on which task (row-buttons.ts). */
export async function changeTask(_previous: ActionState, form: FormData): Promise<ActionState> {
  const pressed = pressedRowButton(form);
  const id = parseTaskId(pressed?.value ?? '');
  if (!pressed || id === null) return failed(INVALID_REQUEST);
  const { button } = pressed;
  const about = { taskId: id };
  if (button === 'delete') {
    const result = await deleteTask(intentKey(form, 'delete', id), id);
    // Already gone (deleted elsewhere) is what the user asked for.
    return result.ok || result.kind === 'not-found'
      ? succeeded(form)
      : failed(result.message, about);
  }
  const status = button === 'complete' ? 'completed' : 'ongoing';
  const result = await updateTask(intentKey(form, button, id), id, { status });
  return result.ok ? succeeded(form) : failed(result.message, about);
}

export async function markAll(_previous: ActionState, form: FormData): Promise<ActionState> {
  const status = statusSchema.safeParse(text(form, 'status'));
  if (!status.success) return failed(INVALID_REQUEST);
  const result = await markAllTasks(intentKey(form, 'mark-all', status.data), status.data);
  return result.ok ? succeeded(form) : failed(result.message);
}

export async function clearCompleted(_previous: ActionState, form: FormData): Promise<ActionState> {
  const result = await clearCompletedTasks(intentKey(form, 'clear-completed'));
  return result.ok ? succeeded(form) : failed(result.message);
}
