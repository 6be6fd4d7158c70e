'use client';

import { useEffect, useMemo, useOptimistic, useRef } from 'react';
import type { Filter } from '@/lib/tasks/filters';
import { applyChange, type ListView, type OptimisticChange } from '@/lib/tasks/optimistic';
import type { TaskCounts, TaskView } from '@/lib/tasks/types';
import { useLiveList } from './use-live-list';

export type TodoPageData = {
  items: TaskView[];
  nextCursor: string | null;
  counts: TaskCounts;
  /** The last change of the account's feed this page includes (live updates go on from it). */
  seq: number;
  /** How many tasks of the list come before this page's first (the api's `position`). */
  position: number;
};

/**
 * What the list shows, in three layers: the server's page (the last one read, when a re-render
 * after a change could not read the list), the changes made elsewhere laid over it as they
 * arrive (use-live-list.ts), and this tab's changes still on their way (`useOptimistic`), which
 * fall away again when not made.
 */
export function useListView(
  rendered: TodoPageData | null,
  where: { filter: Filter; hasPrevious: boolean },
) {
  const lastRead = useRef(rendered);
  if (rendered) lastRead.current = rendered;
  const page = rendered ?? lastRead.current;
  const hasMore = (page?.nextCursor ?? null) !== null;
  const base = useMemo(
    () => page && { items: page.items, counts: page.counts, seq: page.seq },
    [page],
  );
  const live = useLiveList(base, { ...where, hasMore });
  const [view, addChange] = useOptimistic<ListView, OptimisticChange>(
    live.view,
    (current, change) => applyChange(current, change, { filter: where.filter, hasMore }),
  );
  // useOptimistic hands back its base itself when none of our changes is pending.
  const ours = view !== live.view;
  const { holdWhile } = live;
  useEffect(() => holdWhile(ours), [ours, holdWhile]);
  return { page, view, addChange, live };
}
