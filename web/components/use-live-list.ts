'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  foldEvents,
  type LiveView,
  type PageContext,
  pendingAfter,
  type ReceivedEvent,
} from '@/lib/tasks/live-events';
import { type LiveStatus, useTaskEvents } from './use-task-events';

const EMPTY: LiveView = { items: [], counts: { all: 0, ongoing: 0, completed: 0 }, seq: 0 };

/** The list on screen, kept up to date with the changes made in other tabs and on other devices. */
export type LiveList = {
  view: LiveView;
  /** Tasks added on a later page of this list since it was rendered. */
  elsewhere: number;
  status: LiveStatus;
  /** Holds the feed's changes back while one of ours is on its way (see below); stable. */
  holdWhile(busy: boolean): void;
};

/**
 * The server's page with the account's changes laid over it as they arrive (`/events`). The
 * changes received are kept, and folded again over every newer page the server renders, until
 * that page includes them; a change the page cannot show in place reads the page again.
 *
 * While a change of this tab is pending (its optimistic row on screen) the feed's changes wait:
 * the echo of our own add would otherwise show next to its optimistic row until the action's
 * answer arrives. The answer's page includes the echo, which then falls away by its number.
 */
export function useLiveList(rendered: LiveView | null, page: PageContext): LiveList {
  const { filter, hasPrevious, hasMore } = page;
  const router = useRouter();
  const [received, setReceived] = useState<ReceivedEvent[]>([]);
  const held = useRef<ReceivedEvent[]>([]);
  const busy = useRef(false);
  const base = rendered ?? EMPTY;

  const take = (entry: ReceivedEvent) => {
    if (busy.current) held.current.push(entry);
    else setReceived((current) => [...current, entry]);
  };
  const status = useTaskEvents(rendered?.seq ?? null, {
    onChange: (seq, event) => take({ seq, event }),
    onReload: (seq) =>
      take({ seq, event: { kind: 'tasks.reload', delta: { ongoing: 0, completed: 0 } } }),
  });

  // Forget what the newest page includes.
  useEffect(() => {
    setReceived((current) => {
      const pending = pendingAfter(current, base.seq);
      return pending.length === current.length ? current : pending;
    });
  }, [base.seq]);

  const folded = useMemo(
    () => foldEvents(base, received, { filter, hasPrevious, hasMore }),
    [base, received, filter, hasPrevious, hasMore],
  );

  const reloadAt = folded.reloadAt;
  const asked = useRef<number | null>(null);
  useEffect(() => {
    if (reloadAt === null || asked.current === reloadAt) return;
    asked.current = reloadAt;
    router.refresh();
  }, [reloadAt, router]);

  const holdWhile = useCallback((pending: boolean) => {
    busy.current = pending;
    if (pending || held.current.length === 0) return;
    const release = held.current;
    held.current = [];
    setReceived((current) => [...current, ...release]);
  }, []);

  return { view: folded.view, elsewhere: folded.elsewhere, status, holdWhile };
}
