'use client';

import type { FeedEntry } from '@todo/api/app-type';
import { useEffect, useRef, useState } from 'react';

/** Whether changes made elsewhere show up here as they happen. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

type Handlers = {
  /** One change of the account, with its number in the account's sequence. */
  onChange(seq: number, event: FeedEntry['event']): void;
  /** What was missed cannot be told event by event: read the list again. */
  onReload(seq: number): void;
};

// How long to wait before opening a stream again after the server refused one (signed out,
// the session not checkable, the network gone; the browser's own reconnecting covers a stream
// that merely ended): growing, up to half a minute.
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
// A reconnection shorter than this (a stream's routine end) is not worth saying "offline".
const QUIET_MS = 3000;

const EVENT_KINDS = new Set([
  'task.created',
  'task.updated',
  'task.deleted',
  'tasks.marked',
  'tasks.cleared',
  'tasks.restored',
  'tasks.adopted',
  'tasks.reload',
]);

function parseChange(data: string): FeedEntry['event'] | null {
  try {
    const event = JSON.parse(data) as { kind?: unknown; delta?: unknown };
    if (typeof event !== 'object' || event === null) return null;
    if (typeof event.kind !== 'string' || !EVENT_KINDS.has(event.kind)) return null;
    if (typeof event.delta !== 'object' || event.delta === null) return null;
    return event as FeedEntry['event'];
  } catch {
    return null;
  }
}

/**
 * Follows the account's changes (`/events`, Server-Sent Events) from the number the page was
 * rendered with, so nothing between the render and the stream is lost. The browser reconnects
 * a stream that ends by itself, with the last event's id; a stream the server refused is
 * opened again here, after a growing pause.
 */
export function useTaskEvents(renderedSeq: number | null, handlers: Handlers): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  const seen = useRef(renderedSeq ?? 0);
  if (renderedSeq !== null && renderedSeq > seen.current) seen.current = renderedSeq;
  // A page whose list could not be read has no number to follow from: nothing is followed
  // until one is rendered. (Nor in a browser without EventSource: the list is then as fresh as
  // its last rendering, as without JavaScript.)
  const following = renderedSeq !== null && typeof EventSource !== 'undefined';

  useEffect(() => {
    if (!following) return;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const offlineSoon = () => {
      quiet ??= setTimeout(() => setStatus('offline'), QUIET_MS);
    };
    const online = () => {
      clearTimeout(quiet);
      quiet = undefined;
      failures = 0;
      setStatus('live');
    };
    const take = (event: MessageEvent<string>) => {
      const seq = Number(event.lastEventId);
      if (!Number.isSafeInteger(seq)) return undefined;
      return seq;
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource(`/events?after=${seen.current}`);
      source.addEventListener('open', online);
      source.addEventListener('ready', online);
      source.addEventListener('change', (message) => {
        const seq = take(message);
        const event = parseChange(message.data);
        if (seq === undefined || event === null || seq <= seen.current) return;
        seen.current = seq;
        latest.current.onChange(seq, event);
      });
      source.addEventListener('reload', (message) => {
        const seq = take(message);
        if (seq === undefined) return;
        seen.current = Math.max(seen.current, seq);
        latest.current.onReload(seq);
      });
      source.addEventListener('error', () => {
        offlineSoon();
        if (source?.readyState !== EventSource.CLOSED) return; // the browser is retrying
        source.close();
        // Spread out, so that the tabs a replica dropped do not all come back at once.
        const wait =
          (RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 1000) * (0.5 + Math.random());
        failures++;
        retry = setTimeout(open, wait);
      });
    };
    const reopenNow = () => {
      if (source?.readyState !== EventSource.CLOSED) return;
      clearTimeout(retry);
      open();
    };

    open();
    window.addEventListener('online', reopenNow);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(quiet);
      source?.close();
      window.removeEventListener('online', reopenNow);
    };
  }, [following]);

  return status;
}
