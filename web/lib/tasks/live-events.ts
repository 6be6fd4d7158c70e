import type { TaskEvent } from '@todo/api/app-type';
import { type Filter, isVisibleIn } from './filters';
import type { ListView } from './optimistic';
import type { TaskCounts, TaskView } from './types';

/** The list as the server last showed it, with the feed's number it includes. */
export type LiveView = ListView & { seq: number };

/** Where the page stands in its list, which decides where a task from elsewhere belongs. */
export type PageContext = { filter: Filter; hasPrevious: boolean; hasMore: boolean };

export type Applied = {
  view: LiveView;
  /** Tasks of this list that arrived on another page (the page says so, with a link). */
  elsewhere: number;
  /** The change cannot be shown in place: read the page again. */
  reload: boolean;
};

const view = (task: TaskView): TaskView => ({
  id: task.id,
  title: task.title,
  status: task.status,
});

function withDelta(counts: TaskCounts, delta: { ongoing: number; completed: number }): TaskCounts {
  const ongoing = counts.ongoing + delta.ongoing;
  const completed = counts.completed + delta.completed;
  return { all: ongoing + completed, ongoing, completed };
}

/** Whether a task with this id falls on this page of the list (tasks are in id order). */
function belongsHere(items: TaskView[], id: number, page: PageContext): boolean {
  const first = items[0]?.id;
  const last = items.at(-1)?.id;
  if (first === undefined || last === undefined) return !page.hasPrevious && !page.hasMore;
  const afterStart = !page.hasPrevious || id > first;
  const beforeEnd = !page.hasMore || id < last;
  return afterStart && beforeEnd;
}

function placed(items: TaskView[], task: TaskView): TaskView[] {
  const rest = items.filter((item) => item.id !== task.id);
  return [...rest, view(task)].sort((a, b) => a.id - b.id);
}

/**
 * Applies one event of the change feed (someone else's change, or the echo of our own) to the
 * list on screen: counts by the event's delta, rows updated, added or removed where this page
 * and filter show them. An event the view already includes (by its number) changes nothing, so
 * the echo of a change the page was rendered with is harmless.
 */
export function applyEvent(
  current: LiveView,
  seq: number,
  event: TaskEvent | { kind: 'tasks.reload'; delta: { ongoing: number; completed: number } },
  page: PageContext,
): Applied {
  if (seq <= current.seq) return { view: current, elsewhere: 0, reload: false };
  const counts = withDelta(current.counts, event.delta);
  const next = (items: TaskView[], elsewhere = 0): Applied => ({
    view: { items, counts, seq },
    elsewhere,
    reload: false,
  });
  const visible = (task: TaskView) => isVisibleIn(page.filter, task.status);
  const { items } = current;

  switch (event.kind) {
    case 'task.created': {
      if (!visible(event.task) || items.some((item) => item.id === event.task.id)) {
        return next(items);
      }
      // New tasks come last: on this page only if it is the list's last.
      return page.hasMore ? next(items, 1) : next(placed(items, event.task));
    }
    case 'task.updated': {
      const shown = items.some((item) => item.id === event.task.id);
      if (!visible(event.task)) return next(items.filter((item) => item.id !== event.task.id));
      if (shown || belongsHere(items, event.task.id, page)) return next(placed(items, event.task));
      return next(items);
    }
    case 'task.deleted':
      return next(items.filter((item) => item.id !== event.id));
    case 'tasks.cleared': {
      const gone = new Set(event.ids);
      return next(items.filter((item) => !gone.has(item.id) && item.status !== 'completed'));
    }
    case 'tasks.restored': {
      let restored = items;
      for (const task of event.tasks) {
        if (visible(task) && belongsHere(restored, task.id, page))
          restored = placed(restored, task);
      }
      return next(restored);
    }
    case 'tasks.marked':
      // In a filtered view the whole list changes: the page is read again.
      if (page.filter !== 'all')
        return { view: { ...current, counts, seq }, elsewhere: 0, reload: true };
      return next(items.map((item) => ({ ...item, status: event.status })));
    case 'tasks.adopted':
    case 'tasks.reload':
      return { view: { ...current, counts, seq }, elsewhere: 0, reload: true };
  }
}

/** A change of the feed as the browser received it. */
export type ReceivedEvent = { seq: number; event: Parameters<typeof applyEvent>[2] };

export type Folded = {
  view: LiveView;
  /** Tasks of this list added on a later page since the page was rendered. */
  elsewhere: number;
  /** The number of the latest change that cannot be shown in place, or null. */
  reloadAt: number | null;
};

/**
 * The page as the server rendered it with every change received since laid over it in order.
 * Changes the page already includes fall away by their numbers, so the list of received changes
 * can be kept across renders and simply folded again over each newer page.
 */
export function foldEvents(
  rendered: LiveView,
  received: readonly ReceivedEvent[],
  page: PageContext,
): Folded {
  let folded: Folded = { view: rendered, elsewhere: 0, reloadAt: null };
  for (const { seq, event } of received) {
    const applied = applyEvent(folded.view, seq, event, page);
    folded = {
      view: applied.view,
      elsewhere: folded.elsewhere + applied.elsewhere,
      reloadAt: applied.reload ? seq : folded.reloadAt,
    };
  }
  return folded;
}

/** The changes still worth keeping once a page that includes up to `seq` has arrived. */
export function pendingAfter(received: readonly ReceivedEvent[], seq: number): ReceivedEvent[] {
  return received.filter((entry) => entry.seq > seq);
}
