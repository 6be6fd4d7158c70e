import type { Task, TaskPage } from '@/lib/tasks/types';

let nextId = 1;

export function task(title: string, status: Task['status'] = 'ongoing'): Task {
  const at = '2026-01-01T00:00:00.000Z';
  return { id: nextId++, title, status, createdAt: at, updatedAt: at };
}

export function pageOf(items: Task[]): TaskPage {
  const completed = items.filter((item) => item.status === 'completed').length;
  return {
    items,
    nextCursor: null,
    prevCursor: null,
    position: 0,
    seq: 0,
    counts: { all: items.length, ongoing: items.length - completed, completed },
  };
}

/** A promise the test settles by hand, to look at the page while an action is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
