import { sql } from 'drizzle-orm';
import { COUNTER_SLOTS, todoCounters } from '../db/schema.js';
import type { WriteDatabase } from '../db/write-transaction.js';
import type { TaskStatus } from '../limits.js';

/** How a write changes an account's counts; the change feed carries it too. */
export type CountsDelta = { ongoing: number; completed: number };

export const NO_CHANGE: CountsDelta = { ongoing: 0, completed: 0 };

/** `count` tasks arriving in (`to`) or leaving (`from`) a status, or moving from one to the other. */
export function countChange(move: { from?: TaskStatus; to?: TaskStatus }, count = 1): CountsDelta {
  const delta = { ongoing: 0, completed: 0 };
  if (move.from) delta[move.from] -= count;
  if (move.to) delta[move.to] += count;
  return delta;
}

export const randomSlot = () => Math.floor(Math.random() * COUNTER_SLOTS);

/**
 * Adds the change to one of the account's counter slots, chosen at random and created on first
 * use, in the writer's transaction: the counts commit or roll back with the rows they count.
 */
export async function adjustCounts(
  tx: WriteDatabase,
  owner: string,
  delta: CountsDelta,
  pickSlot: () => number = randomSlot,
) {
  if (delta.ongoing === 0 && delta.completed === 0) return;
  await tx
    .insert(todoCounters)
    .values({ ownerId: owner, slot: pickSlot(), ...delta })
    .onDuplicateKeyUpdate({
      set: {
        ongoing: sql`${todoCounters.ongoing} + ${delta.ongoing}`,
        completed: sql`${todoCounters.completed} + ${delta.completed}`,
      },
    });
}
