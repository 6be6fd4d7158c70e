import { DatabaseError, isDatabaseError, isQueueFull } from './errors.js';

/**
 * The moment by which a request must have its answer. It is fixed when the request arrives
 * (the api's own limit, or less when the caller says it will stop listening sooner), and all
 * the database work of the request shares it.
 */
export class Deadline {
  readonly at: number;

  constructor(ms: number, now = performance.now()) {
    this.at = now + ms;
  }

  remainingMs(now = performance.now()): number {
    return Math.max(0, this.at - now);
  }
}

/** Resolves after `ms`, or never once `cancel` is called; for racing work against a deadline. */
export function timer(ms: number): { expired: Promise<void>; cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    handle = setTimeout(resolve, ms);
  });
  return { expired, cancel: () => clearTimeout(handle) };
}

/** The 503 a read answers with: busy when the pool's queue is full, else unavailable. */
export function readFailure(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  if (isQueueFull(error))
    return new DatabaseError('busy', 'too many requests wait for the database', { cause: error });
  return new DatabaseError('unavailable', 'database query failed', { cause: error });
}

/**
 * Runs a read under the deadline. A read changes nothing, so giving up on it is always safe;
 * the statement itself is bounded on the server by the session's lock_wait_timeout.
 */
export async function readWithin<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
  const clock = timer(deadline.remainingMs());
  const running = work();
  // After the deadline nobody awaits the work; its late failure must not go unhandled.
  running.catch(() => {});
  try {
    const winner = await Promise.race([running, clock.expired.then(() => expiredMarker)]);
    if (winner === expiredMarker) {
      throw new DatabaseError('unavailable', 'database did not answer in time');
    }
    return winner as T;
  } catch (error) {
    if (error instanceof DatabaseError || isDatabaseError(error)) throw readFailure(error);
    throw error;
  } finally {
    clock.cancel();
  }
}

const expiredMarker = Symbol('expired');
