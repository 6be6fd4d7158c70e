import type { TaskStatus } from './types';

/** The three TodoMVC views, each its own URL so that it survives a reload and can be shared. */
export type Filter = 'all' | 'active' | 'completed';

export const FILTERS: ReadonlyArray<{ filter: Filter; label: string; path: string }> = [
  { filter: 'all', label: 'All', path: '/' },
  { filter: 'active', label: 'Active', path: '/active' },
  { filter: 'completed', label: 'Completed', path: '/completed' },
];

export function filterPath(filter: Filter): string {
  return filter === 'all' ? '/' : `/${filter}`;
}

/** The api's `status` query for a view; `undefined` lists every task. */
export function statusOfFilter(filter: Filter): TaskStatus | undefined {
  if (filter === 'active') return 'ongoing';
  if (filter === 'completed') return 'completed';
  return undefined;
}

export function isVisibleIn(filter: Filter, status: TaskStatus): boolean {
  const wanted = statusOfFilter(filter);
  return wanted === undefined || wanted === status;
}
