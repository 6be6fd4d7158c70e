import { neighbourOf } from '@/lib/tasks/focus-target';

/** The new-task field's id: the page's first field, where focus goes when nothing else fits. */
export const NEW_TASK_INPUT_ID = 'new-task-title';

export function focusNewTask(): void {
  document.getElementById(NEW_TASK_INPUT_ID)?.focus();
}

/**
 * Moves focus off a row that is about to go (deleted, or hidden by the view's filter) to the
 * toggle of the row after it, or before it, or the new-task field, before the row is removed:
 * a focused element that is removed leaves focus on `<body>`.
 */
export function focusNeighbourOf(ids: readonly number[], removed: number): void {
  const neighbour = neighbourOf(ids, removed);
  const toggle =
    neighbour === undefined
      ? null
      : document.querySelector<HTMLElement>(`.todo-list .toggle[value="${neighbour}"]`);
  if (toggle) toggle.focus();
  else focusNewTask();
}
