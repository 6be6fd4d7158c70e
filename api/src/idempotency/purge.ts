import type { Database } from '../db/client.js';
import { Deadline } from '../db/deadline.js';
import { purgeExpiredKeys } from './store.js';

export type KeyPurgeOptions = {
  database: Database;
  /** Between rounds; each replica purges, at a random point of the interval. */
  everyMs?: number;
  /** Rows per DELETE: small enough that no batch holds locks for long. */
  batch?: number;
  onError?: (error: unknown) => void;
};

/**
 * Deletes expired idempotency keys in bounded batches, one short transaction each, until none
 * is left; then waits for the next round. Replicas that purge at the same time only find less
 * to do.
 */
export function startKeyPurge(options: KeyPurgeOptions): { stop(): Promise<void> } {
  const everyMs = options.everyMs ?? 10 * 60_000;
  const batch = options.batch ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  async function purge() {
    while (!stopped) {
      const deleted = await options.database.transaction(new Deadline(5000), (tx) =>
        purgeExpiredKeys(tx, batch),
      );
      if (deleted < batch) return;
    }
  }

  const schedule = () => {
    timer = setTimeout(
      () => {
        round = purge()
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => {
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
