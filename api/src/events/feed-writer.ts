import { eq, sql } from 'drizzle-orm';
import { taskEvents, taskFeeds } from '../db/schema.js';
import type { WriteDatabase } from '../db/write-transaction.js';
import { MAX_TASKS_IN_EVENT, type TaskEvent } from './task-events.js';

/** Too many tasks to name: the client is told to read the list again. */
function bounded(event: TaskEvent) {
  if (event.kind === 'tasks.cleared' && event.ids.length > MAX_TASKS_IN_EVENT) {
    return { kind: 'tasks.reload' as const, delta: event.delta };
  }
  if (event.kind === 'tasks.restored' && event.tasks.length > MAX_TASKS_IN_EVENT) {
    return { kind: 'tasks.reload' as const, delta: event.delta };
  }
  return event;
}

/**
 * Records what a write did, in its transaction, as the account's next event. Call it last
 * before COMMIT: bumping the account's sequence locks its TaskFeed row until COMMIT, which is
 * what makes one account's events commit in order, without gaps.
 */
export async function appendEvent(tx: WriteDatabase, owner: string, event: TaskEvent) {
  const stored = bounded(event);
  await tx
    .insert(taskFeeds)
    .values({ ownerId: owner, lastSeq: 1 })
    .onDuplicateKeyUpdate({ set: { lastSeq: sql`${taskFeeds.lastSeq} + 1` } });
  // The number just taken, read inside the same transaction (INSERT … SELECT: one round trip).
  await tx.execute(
    sql`INSERT INTO ${taskEvents} (owner_id, seq, kind, payload)
        SELECT owner_id, last_seq, ${stored.kind}, ${JSON.stringify(stored)}
          FROM ${taskFeeds} WHERE ${eq(taskFeeds.ownerId, owner)}`,
  );
}

/** How long the feed keeps events: a client away for longer reloads instead of catching up. */
export const FEED_RETENTION_MINUTES = 15;
