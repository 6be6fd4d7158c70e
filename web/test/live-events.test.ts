// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  foldEvents,
  type LiveView,
  type PageContext,
  pendingAfter,
} from '@/lib/tasks/live-events';

const base: LiveView = {
  items: [
    { id: 2, title: 'Two', status: 'ongoing' },
    { id: 4, title: 'Four', status: 'completed' },
  ],
  counts: { all: 2, ongoing: 1, completed: 1 },
  seq: 10,
};
const all: PageContext = { filter: 'all', hasPrevious: false, hasMore: false };
const task = (id: number, title: string, status: 'ongoing' | 'completed' = 'ongoing') => ({
  id,
  title,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const created = (id: number) => ({
  kind: 'task.created' as const,
  task: task(id, `T${id}`),
  delta: { ongoing: 1, completed: 0 },
});

describe('a change from the feed', () => {
  it('changes nothing when the page already includes it', () => {
    expect(applyEvent(base, 10, created(9), all)).toEqual({
      view: base,
      elsewhere: 0,
      reload: false,
    });
  });

  it('adds a new task at the end of the last page, and counts one made for another page', () => {
    const here = applyEvent(base, 11, created(9), all);
    expect(here.view.items.map((item) => item.id)).toEqual([2, 4, 9]);
    expect(here.view.counts).toEqual({ all: 3, ongoing: 2, completed: 1 });
    expect(here.view.seq).toBe(11);
    const notLast = applyEvent(base, 11, created(9), { ...all, hasMore: true });
    expect(notLast.view.items).toEqual(base.items);
    expect(notLast.elsewhere).toBe(1);
    expect(notLast.view.counts.all).toBe(3);
    // The echo of our own add, already on the page after its refresh, is not shown twice.
    const echo = applyEvent(here.view, 12, created(9), all);
    expect(echo.view.items.map((item) => item.id)).toEqual([2, 4, 9]);
  });

  it('follows the filter: a task done elsewhere leaves Active, and joins Completed in its place', () => {
    const done = {
      kind: 'task.updated' as const,
      task: task(2, 'Two', 'completed'),
      delta: { ongoing: -1, completed: 1 },
    };
    const active = applyEvent({ ...base, items: [base.items[0] as never] }, 11, done, {
      ...all,
      filter: 'active',
    });
    expect(active.view.items).toEqual([]);
    const completed = applyEvent({ ...base, items: [base.items[1] as never] }, 11, done, {
      ...all,
      filter: 'completed',
    });
    expect(completed.view.items.map((item) => item.id)).toEqual([2, 4]);
  });

  it('removes deleted and cleared tasks, restores them where they belong', () => {
    const deleted = applyEvent(
      base,
      11,
      { kind: 'task.deleted', id: 2, delta: { ongoing: -1, completed: 0 } },
      all,
    );
    expect(deleted.view.items.map((item) => item.id)).toEqual([4]);
    const cleared = applyEvent(
      deleted.view,
      12,
      { kind: 'tasks.cleared', ids: [4], delta: { ongoing: 0, completed: -1 } },
      all,
    );
    expect(cleared.view.items).toEqual([]);
    expect(cleared.view.counts).toEqual({ all: 0, ongoing: 0, completed: 0 });
    const restored = applyEvent(
      cleared.view,
      13,
      {
        kind: 'tasks.restored',
        tasks: [task(2, 'Two'), task(4, 'Four', 'completed')],
        delta: { ongoing: 1, completed: 1 },
      },
      all,
    );
    expect(restored.view.items.map((item) => item.id)).toEqual([2, 4]);
  });

  it('asks for the page again when the change cannot be shown in place', () => {
    const marked = {
      kind: 'tasks.marked' as const,
      status: 'completed' as const,
      changed: 1,
      delta: { ongoing: -1, completed: 1 },
    };
    expect(
      applyEvent(base, 11, marked, all).view.items.every((item) => item.status === 'completed'),
    ).toBe(true);
    expect(applyEvent(base, 11, marked, { ...all, filter: 'active' }).reload).toBe(true);
    expect(
      applyEvent(base, 11, { kind: 'tasks.reload', delta: { ongoing: 0, completed: 0 } }, all)
        .reload,
    ).toBe(true);
  });
});

describe('the changes received since the page was rendered', () => {
  const renamed = (id: number, title: string) => ({
    kind: 'task.updated' as const,
    task: task(id, title),
    delta: { ongoing: 0, completed: 0 },
  });

  it('are laid over the page in order, counting tasks added on later pages', () => {
    const received = [
      { seq: 11, event: created(9) },
      { seq: 12, event: renamed(2, 'Two, renamed') },
    ];
    const folded = foldEvents(base, received, all);
    expect(folded.view.items.map((item) => item.title)).toEqual(['Two, renamed', 'Four', 'T9']);
    expect(folded.view.seq).toBe(12);
    expect(folded.elsewhere).toBe(0);
    expect(folded.reloadAt).toBeNull();
    const onFirstPage = foldEvents(base, received, { ...all, hasMore: true });
    expect(onFirstPage.elsewhere).toBe(1);
    expect(onFirstPage.view.counts.all).toBe(3);
  });

  it('fall away once a newer page includes them, and are not applied twice', () => {
    const received = [
      { seq: 11, event: created(9) },
      { seq: 12, event: created(10) },
    ];
    const newer: LiveView = {
      items: [...base.items, { id: 9, title: 'T9', status: 'ongoing' }],
      counts: { all: 3, ongoing: 2, completed: 1 },
      seq: 11,
    };
    expect(pendingAfter(received, 11)).toEqual([{ seq: 12, event: created(10) }]);
    const folded = foldEvents(newer, received, all);
    expect(folded.view.items.map((item) => item.id)).toEqual([2, 4, 9, 10]);
    expect(folded.view.counts).toEqual({ all: 4, ongoing: 3, completed: 1 });
  });

  it('name the latest change that needs the page read again', () => {
    const marked = {
      kind: 'tasks.marked' as const,
      status: 'completed' as const,
      changed: 1,
      delta: { ongoing: -1, completed: 1 },
    };
    const received = [
      { seq: 11, event: created(9) },
      { seq: 12, event: marked },
      { seq: 13, event: { kind: 'tasks.reload' as const, delta: { ongoing: 0, completed: 0 } } },
    ];
    expect(foldEvents(base, received.slice(0, 2), { ...all, filter: 'active' }).reloadAt).toBe(12);
    expect(foldEvents(base, received, { ...all, filter: 'active' }).reloadAt).toBe(13);
    expect(foldEvents(base, received.slice(0, 2), all).reloadAt).toBeNull();
  });
});
