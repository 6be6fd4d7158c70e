import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { ReadDatabase } from '../db/client.js';
import { taskEvents, taskFeeds } from '../db/schema.js';
import type { FeedEntry } from './task-events.js';

/** What a stream is told: events in their account's order, or that it must reload. */
export type Delivery = { kind: 'entries'; entries: FeedEntry[] } | { kind: 'reload'; seq: number };

export type Subscriber = {
  account: string;
  /** The last sequence number this subscriber has been given. */
  lastSeq: number;
  deliver(delivery: Delivery): void;
};

export type FeedHubOptions = {
  db: ReadDatabase;
  /** How often the hub looks for new events while anyone listens. */
  pollMs?: number;
  /**
   * Every this many polls it looks again at the last `lookbackMs` of events: one account's events
   * commit in order, but two accounts' may commit out of the order of their event ids, and a
   * poll can land between the two.
   */
  sweepEvery?: number;
  lookbackMs?: number;
  /** A subscriber further behind than this many events reloads instead of catching up. */
  maxCatchUp?: number;
  onError?: (error: unknown) => void;
};

type Row = { eventId: number; ownerId: string; seq: number; payload: string };

const toEntry = (row: { seq: number; payload: string }): FeedEntry => ({
  seq: row.seq,
  event: JSON.parse(row.payload) as FeedEntry['event'],
});

/**
 * One poller per api process for all of its streams: it reads the events of every account in
 * one query a tick (so a thousand open streams cost what one does) and hands each subscriber the
 * events of its account that it has not had, in order. A subscriber that finds a hole in its
 * sequence (or joins late) reads what it missed from the database itself; if that is beyond the
 * feed's retention, it is told to reload.
 */
export function createFeedHub(options: FeedHubOptions) {
  const { db } = options;
  const pollMs = options.pollMs ?? 200;
  const sweepEvery = options.sweepEvery ?? 5;
  const lookbackMs = options.lookbackMs ?? 6000;
  const maxCatchUp = options.maxCatchUp ?? 500;
  const report = options.onError ?? (() => {});

  const byAccount = new Map<string, Set<Subscriber>>();
  const catchingUp = new WeakSet<Subscriber>();
  let highest = 0;
  // (when, highest event id seen then): the sweep starts from what was seen lookbackMs ago.
  const marks: Array<{ at: number; highest: number }> = [];
  let polls = 0;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  async function latestEventId(): Promise<number> {
    const [row] = await db
      .select({ id: sql<string>`COALESCE(MAX(${taskEvents.eventId}), 0)` })
      .from(taskEvents);
    return Number(row?.id ?? 0);
  }

  /** The account's events after `afterSeq`, or null when some of them are gone. */
  async function eventsAfter(account: string, afterSeq: number): Promise<FeedEntry[] | null> {
    const rows = await db
      .select({ seq: taskEvents.seq, payload: taskEvents.payload })
      .from(taskEvents)
      .where(and(eq(taskEvents.ownerId, account), gt(taskEvents.seq, afterSeq)))
      .orderBy(asc(taskEvents.seq))
      .limit(maxCatchUp + 1);
    if (rows.length > maxCatchUp) return null;
    if (rows.length > 0 && rows[0]?.seq !== afterSeq + 1) return null;
    if (rows.length === 0) {
      const [feed] = await db
        .select({ lastSeq: taskFeeds.lastSeq })
        .from(taskFeeds)
        .where(eq(taskFeeds.ownerId, account));
      if ((feed?.lastSeq ?? 0) > afterSeq) return null;
    }
    return rows.map(toEntry);
  }

  /** Brings a subscriber up to date from the database; reloads it when that is not possible. */
  async function catchUp(subscriber: Subscriber) {
    if (catchingUp.has(subscriber)) return;
    catchingUp.add(subscriber);
    try {
      const entries = await eventsAfter(subscriber.account, subscriber.lastSeq);
      if (entries === null) {
        const seq = await currentSeq(subscriber.account);
        subscriber.lastSeq = seq;
        subscriber.deliver({ kind: 'reload', seq });
      } else if (entries.length > 0) {
        subscriber.lastSeq = entries.at(-1)?.seq ?? subscriber.lastSeq;
        subscriber.deliver({ kind: 'entries', entries });
      }
    } catch (error) {
      report(error);
    } finally {
      catchingUp.delete(subscriber);
    }
  }

  function fanOut(rows: Row[]) {
    const perAccount = new Map<string, Row[]>();
    for (const row of rows) {
      if (!byAccount.has(row.ownerId)) continue;
      const list = perAccount.get(row.ownerId) ?? [];
      list.push(row);
      perAccount.set(row.ownerId, list);
    }
    for (const [account, list] of perAccount) {
      list.sort((a, b) => a.seq - b.seq);
      for (const subscriber of byAccount.get(account) ?? []) {
        if (catchingUp.has(subscriber)) continue;
        const fresh = list.filter((row) => row.seq > subscriber.lastSeq);
        if (fresh.length === 0) continue;
        if (fresh[0]?.seq !== subscriber.lastSeq + 1) {
          void catchUp(subscriber);
          continue;
        }
        const entries: FeedEntry[] = [];
        for (const row of fresh) {
          if (row.seq !== subscriber.lastSeq + 1 + entries.length) break;
          entries.push(toEntry(row));
        }
        subscriber.lastSeq += entries.length;
        subscriber.deliver({ kind: 'entries', entries });
        if (entries.length < fresh.length) void catchUp(subscriber);
      }
    }
  }

  async function poll() {
    polls++;
    const now = Date.now();
    marks.push({ at: now, highest });
    while (marks.length > 1 && (marks[1]?.at ?? now) <= now - lookbackMs) marks.shift();
    const sweep = polls % sweepEvery === 0;
    // Every poll looks back a few ids too: a commit a moment behind its neighbour is common.
    const from = sweep ? (marks[0]?.highest ?? 0) : Math.max(0, highest - 64);
    const rows = (await db
      .select({
        eventId: taskEvents.eventId,
        ownerId: taskEvents.ownerId,
        seq: taskEvents.seq,
        payload: taskEvents.payload,
      })
      .from(taskEvents)
      .where(gt(taskEvents.eventId, from))
      .orderBy(asc(taskEvents.eventId))
      .limit(5000)) as Row[];
    for (const row of rows) highest = Math.max(highest, row.eventId);
    fanOut(rows);
  }

  function schedule() {
    if (timer || byAccount.size === 0) return;
    timer = setTimeout(async () => {
      timer = undefined;
      if (polling) return schedule();
      polling = true;
      try {
        await poll();
      } catch (error) {
        report(error);
      } finally {
        polling = false;
        schedule();
      }
    }, pollMs);
    timer.unref?.();
  }

  /** The account's last sequence number now: where a new stream starts. */
  async function currentSeq(account: string): Promise<number> {
    const [feed] = await db
      .select({ lastSeq: taskFeeds.lastSeq })
      .from(taskFeeds)
      .where(eq(taskFeeds.ownerId, account));
    return feed?.lastSeq ?? 0;
  }

  return {
    currentSeq,

    /**
     * Adds a subscriber that has had everything up to `subscriber.lastSeq`; it is first given
     * what it missed since (or told to reload), then each new event once.
     */
    async subscribe(subscriber: Subscriber): Promise<() => void> {
      // The first listener starts the poller from the newest event; what committed before it is
      // the subscriber's to catch up on, below.
      if (byAccount.size === 0 && !timer) {
        highest = await latestEventId();
        marks.length = 0;
      }
      const subscribers = byAccount.get(subscriber.account) ?? new Set();
      subscribers.add(subscriber);
      byAccount.set(subscriber.account, subscribers);
      schedule();
      await catchUp(subscriber);
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) byAccount.delete(subscriber.account);
        if (byAccount.size === 0 && timer) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },

    /** How many streams listen now, and to how many accounts (for metrics). */
    stats() {
      let streams = 0;
      for (const subscribers of byAccount.values()) streams += subscribers.size;
      return { streams, accounts: byAccount.size, polls };
    },
  };
}

export type FeedHub = ReturnType<typeof createFeedHub>;
