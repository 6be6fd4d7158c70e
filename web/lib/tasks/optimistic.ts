import { type Filter, isVisibleIn } from './filters';
import { pressedRowButton } from './row-buttons';
import type { TaskCounts, TaskStatus, TaskView } from './types';

/** The part of a page the browser changes before the server confirms. */
export type ListView = { items: TaskView[]; counts: TaskCounts };

export type OptimisticChange =
  | { kind: 'add'; title: string; tempId: number }
  | { kind: 'set-status'; id: number; status: TaskStatus }
  | { kind: 'rename'; id: number; title: string }
  | { kind: 'remove'; id: number }
  | { kind: 'mark-all'; status: TaskStatus }
  | { kind: 'clear-completed' };

export type ViewContext = { filter: Filter; hasMore: boolean };

function countsOf(counts: TaskCounts, delta: Partial<TaskCounts>): TaskCounts {
  return {
    all: counts.all + (delta.all ?? 0),
    ongoing: counts.ongoing + (delta.ongoing ?? 0),
    completed: counts.completed + (delta.completed ?? 0),
  };
}

function statusDelta(status: TaskStatus, sign: 1 | -1): Partial<TaskCounts> {
  return status === 'ongoing' ? { ongoing: sign } : { completed: sign };
}

/** Applies one change the way the api will, so the list and counts move at once. */
export function applyChange(
  view: ListView,
  change: OptimisticChange,
  context: ViewContext,
): ListView {
  const { filter, hasMore } = context;
  switch (change.kind) {
    case 'add': {
      const task: TaskView = { id: change.tempId, title: change.title, status: 'ongoing' };
      // Oldest first: a new task belongs on the last page, so show it only if this is that page.
      const items = isVisibleIn(filter, 'ongoing') && !hasMore ? [...view.items, task] : view.items;
      return { items, counts: countsOf(view.counts, { all: 1, ongoing: 1 }) };
    }
    case 'set-status': {
      const task = view.items.find((item) => item.id === change.id);
      if (!task || task.status === change.status) return view;
      const items = view.items
        .map((item) => (item.id === change.id ? { ...item, status: change.status } : item))
        .filter((item) => isVisibleIn(filter, item.status));
      const counts = countsOf(
        countsOf(view.counts, statusDelta(task.status, -1)),
        statusDelta(change.status, 1),
      );
      return { items, counts };
    }
    case 'rename':
      return {
        items: view.items.map((item) =>
          item.id === change.id ? { ...item, title: change.title } : item,
        ),
        counts: view.counts,
      };
    case 'remove': {
      const task = view.items.find((item) => item.id === change.id);
      if (!task) return view;
      return {
        items: view.items.filter((item) => item.id !== change.id),
        counts: countsOf(view.counts, { all: -1, ...statusDelta(task.status, -1) }),
      };
    }
    case 'mark-all': {
      const items = view.items
        .map((item) => ({ ...item, status: change.status }))
        .filter((item) => isVisibleIn(filter, item.status));
      const all = view.counts.all;
      const counts =
        change.status === 'completed'
          ? { all, ongoing: 0, completed: all }
          : { all, ongoing: all, completed: 0 };
      return { items, counts };
    }
    case 'clear-completed':
      return {
        items: view.items.filter((item) => item.status !== 'completed'),
        counts: { all: view.counts.ongoing, ongoing: view.counts.ongoing, completed: 0 },
      };
  }
}

export function itemsLeftText(ongoing: number): string {
  return ongoing === 1 ? 'item left' : 'items left';
}

/** The change a task row's button asks for, read from the submitted form. */
export function rowChangeFromForm(form: FormData): OptimisticChange | undefined {
  const pressed = pressedRowButton(form);
  if (!pressed) return undefined;
  const id = Number(pressed.value);
  if (pressed.button === 'delete') return { kind: 'remove', id };
  return {
    kind: 'set-status',
    id,
    status: pressed.button === 'complete' ? 'completed' : 'ongoing',
  };
}

/** The change a task's edit form asks for: a new title, or removal when it was emptied. */
export function renameChangeFromForm(form: FormData): OptimisticChange {
  const id = Number(form.get('id'));
  const title = String(form.get('title') ?? '').trim();
  return title === '' ? { kind: 'remove', id } : { kind: 'rename', id, title };
}
