import { parseTaskId } from '@todo/api/limits';
import type { CommandName } from '@/lib/commands/outcome';
import { pressedRowButton } from './row-buttons';

/**
 * Where keyboard focus goes when a page is drawn after a change, so that it never falls back to
 * `<body>`: a row's toggle or its ✎ (the row of task `id`, or its neighbour once that row is
 * gone), the mark-all toggle, or the new-task field.
 */
export type FocusHint =
  | { element: 'toggle' | 'edit'; id: number }
  | { element: 'toggle-all' }
  | { element: 'new-task' };

/** The element that takes focus on this page, once the hint is matched against its rows. */
export type FocusTarget =
  | { element: 'toggle' | 'edit'; id: number }
  | { element: 'edit-field'; id: number }
  | { element: 'toggle-all' }
  | { element: 'new-task' };

export const NEW_TASK_FOCUS: FocusTarget = { element: 'new-task' };

const HINT_TEXT = /^(toggle|edit)\.(\d{1,12})$/;

/** The hint as a cookie value (`toggle.12`, `edit.12`, `toggle-all`, `new-task`). */
export function formatFocusHint(hint: FocusHint): string {
  return 'id' in hint ? `${hint.element}.${hint.id}` : hint.element;
}

/** A hint read back from outside: anything malformed, or an id out of range, is no hint. */
export function parseFocusHint(text: string | null | undefined): FocusHint | undefined {
  if (text === 'new-task' || text === 'toggle-all') return { element: text };
  const match = text ? HINT_TEXT.exec(text) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const id = parseTaskId(match[2]);
  if (id === null) return undefined;
  return { element: match[1] === 'edit' ? 'edit' : 'toggle', id };
}

/**
 * The task shown next to `removed` once it is gone from `ids` (the page's rows, oldest first,
 * so ascending): the one after it, else the one before it, else none.
 */
export function neighbourOf(ids: readonly number[], removed: number): number | undefined {
  const others = ids.filter((id) => id !== removed && id > 0);
  return others.find((id) => id > removed) ?? others.findLast((id) => id < removed);
}

/**
 * Where focus goes on a page with these rows (ascending ids), given a hint and `?edit=`;
 * `hasToggleAll`: the page shows the mark-all toggle (the account has tasks, maybe in no row of
 * this view).
 */
export function resolveFocus(
  hint: FocusHint | undefined,
  ids: readonly number[],
  editId: number | undefined,
  hasToggleAll = ids.length > 0,
): FocusTarget {
  if (editId !== undefined && ids.includes(editId)) return { element: 'edit-field', id: editId };
  if (hint?.element === 'toggle-all') return hasToggleAll ? hint : NEW_TASK_FOCUS;
  if (!hint || hint.element === 'new-task') return NEW_TASK_FOCUS;
  if (ids.includes(hint.id)) return hint;
  const neighbour = neighbourOf(ids, hint.id);
  return neighbour === undefined ? NEW_TASK_FOCUS : { element: 'toggle', id: neighbour };
}

/**
 * The hint a change made without JavaScript leaves for the page it redirects to: a row's
 * toggle after pressing it or deleting (its neighbour's, once it is gone), its ✎ after a
 * rename, the mark-all toggle after pressing it, the new-task field after adding or clearing.
 */
export function focusHintAfter(command: CommandName, form: FormData | undefined): FocusHint {
  if (command === 'change' && form) {
    const pressed = pressedRowButton(form);
    const id = pressed ? parseTaskId(pressed.value) : null;
    if (id !== null) return { element: 'toggle', id };
  }
  if (command === 'rename' && form) {
    const field = form.get('id');
    const id = typeof field === 'string' ? parseTaskId(field) : null;
    const title = form.get('title');
    // An emptied title deleted the task: its neighbour's toggle, as for a delete.
    const emptied = typeof title === 'string' && title.trim() === '';
    if (id !== null) return { element: emptied ? 'toggle' : 'edit', id };
  }
  if (command === 'mark-all') return { element: 'toggle-all' };
  return { element: 'new-task' };
}
