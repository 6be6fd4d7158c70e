'use server';

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
import { pressedRowButton } from '@/lib/tasks/row-buttons';
import { titleSchema } from '@/lib/tasks/title';

// Every action validates what the form sent (anyone can post to it), calls the api, and on
// success re-renders the page in the same response. On failure nothing is refreshed, so the
// browser's optimistic change falls back to what the server last rendered.

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
const statusSchema = z.enum(['ongoing', 'completed']);
// Where the no-JavaScript edit form returns to: a list URL of this app, never elsewhere.
const returnToSchema = z
  .string()
  .regex(
    /^\/(active|completed)?(\?(limit=\d{1,3}|cursor=[A-Za-z0-9_-]{1,100})(&(limit=\d{1,3}|cursor=[A-Za-z0-9_-]{1,100}))?)?$/,
  );

const INVALID_REQUEST = 'This request was not understood. Reload the page and try again.';

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? INVALID_REQUEST;
}

function succeeded(form: FormData): ActionState {
  const returnTo = returnToSchema.safeParse(text(form, 'returnTo'));
  if (returnTo.success) redirect(returnTo.data);
  refresh();
  return done();
}

export async function addTask(_previous: ActionState, form: FormData): Promise<ActionState> {
  const typed = text(form, 'title') ?? '';
  const title = titleSchema.safeParse(typed);
  if (!title.success) return failed(firstIssue(title.error), { title: typed });
  const result = await createTask(title.data);
  if (!result.ok) return failed(result.message, { title: typed });
  return succeeded(form);
}

export async function renameTask(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = idSchema.safeParse(text(form, 'id'));
  if (!id.success) return failed(INVALID_REQUEST);
  const typed = text(form, 'title') ?? '';
  const about = { title: typed, taskId: id.data };
  // TodoMVC: saving an emptied title deletes the task.
  if (typed.trim() === '') {
    const removed = await deleteTask(id.data);
    return removed.ok || removed.kind === 'not-found'
      ? succeeded(form)
      : failed(removed.message, about);
  }
  const title = titleSchema.safeParse(typed);
  if (!title.success) return failed(firstIssue(title.error), about);
  const result = await updateTask(id.data, { title: title.data });
  if (!result.ok) return failed(result.message, about);
  return succeeded(form);
}

/** The task rows' shared form: which button was pressed, and on which task (row-buttons.ts). */
export async function changeTask(_previous: ActionState, form: FormData): Promise<ActionState> {
  const pressed = pressedRowButton(form);
  const id = idSchema.safeParse(pressed?.value);
  if (!pressed || !id.success) return failed(INVALID_REQUEST);
  const { button } = pressed;
  const about = { taskId: id.data };
  if (button === 'delete') {
    const result = await deleteTask(id.data);
    // Already gone (deleted elsewhere) is what the user asked for.
    return result.ok || result.kind === 'not-found'
      ? succeeded(form)
      : failed(result.message, about);
  }
  const status = button === 'complete' ? 'completed' : 'ongoing';
  const result = await updateTask(id.data, { status });
  return result.ok ? succeeded(form) : failed(result.message, about);
}

export async function markAll(_previous: ActionState, form: FormData): Promise<ActionState> {
  const status = statusSchema.safeParse(text(form, 'status'));
  if (!status.success) return failed(INVALID_REQUEST);
  const result = await markAllTasks(status.data);
  return result.ok ? succeeded(form) : failed(result.message);
}

export async function clearCompleted(_previous: ActionState, form: FormData): Promise<ActionState> {
  const result = await clearCompletedTasks();
  return result.ok ? succeeded(form) : failed(result.message);
}
