import type { Filter } from './filters';
import type { TaskCounts } from './types';

/** How many tasks the view's list holds in all: the count of its filter. */
export function countOfFilter(filter: Filter, counts: TaskCounts): number {
  if (filter === 'active') return counts.ongoing;
  if (filter === 'completed') return counts.completed;
  return counts.all;
}

/**
 * "51–100 of 120" ("121 of 121" for a last page of one): where this page sits in its list, from the api's `position` (tasks before
 * the page's first) and the rows shown. The api works the position out from its cursors (no
 * count, no OFFSET), so after changes before the page it can be a little off; the total never
 * reads less than the page's own end. Null for an empty page.
 */
export function pagePositionText(position: number, shown: number, total: number): string | null {
  if (shown <= 0) return null;
  const first = position + 1;
  const last = position + shown;
  const of = Math.max(total, last).toLocaleString('en');
  if (first === last) return `${first.toLocaleString('en')} of ${of}`;
  return `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${of}`;
}
