import { sql } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import type { Database } from '../db/client.js';
import { Deadline } from '../db/deadline.js';
import type { WriteDatabase } from '../db/write-transaction.js';

/** Deletes up to `limit` rows that have outlived their use; returns how many went. */
export type Purge = { name: string; run: (tx: WriteDatabase, limit: number) => Promise<number> };

/** A purge of the rows of `table` whose `column` is more than `minutes` in the past. */
export function olderThan(
  name: string,
  table: MySqlTable,
  column: MySqlColumn,
  minutes: number,
): Purge {
  return {
    name,
    async run(tx, limit) {
      const [result] = await tx
        .delete(table)
        .where(sql`${column} < CURRENT_TIMESTAMP(3) - INTERVAL ${sql.raw(String(minutes))} MINUTE`)
        .limit(limit);
      return result.affectedRows;
    },
  };
}

export type PurgeOptions = {
  database: Database;
  purges: Purge[];
  /** Between rounds; each replica purges, at a random point of the interval. */
  everyMs?: number;
  /** Rows per DELETE: small enough that no batch holds locks for long. */
  batch?: number;
  onError?: (purge: string, error: unknown) => void;
};

/**
 * Deletes what has expired (idempotency keys after a day, the trash after the undo window, the
 * change feed after its retention) in bounded batches, one short transaction each, until none
 * is left; then waits for the next round. Replicas that purge at the same time only find less
 * to do.
 */
export function startPurges(options: PurgeOptions): { stop(): Promise<void> } {
  const everyMs = options.everyMs ?? 60_000;
  const batch = options.batch ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  async function purgeAll() {
    for (const purge of options.purges) {
      try {
        while (!stopped) {
          const deleted = await options.database.transaction(new Deadline(5000), (tx) =>
            purge.run(tx, batch),
          );
          if (deleted < batch) break;
        }
      } catch (error) {
        options.onError?.(purge.name, error);
      }
    }
  }

  const schedule = () => {
    timer = setTimeout(
      () => {
        round = purgeAll().finally(() => {
          if (!stopped) schedule();
        });
      },
      everyMs / 2 + Math.random() * everyMs,
    );
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
