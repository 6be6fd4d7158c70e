/** The database did not answer in time or answered with an error: the API says 503. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const DEADLOCK = 1213;
const LOCK_WAIT_TIMEOUT = 1205;

function errnoOf(error: unknown): number | undefined {
  // Drizzle wraps driver errors; the MySQL error number sits on the cause.
  for (let current = error; current instanceof Error; current = current.cause) {
    const errno = (current as { errno?: unknown }).errno;
    if (typeof errno === 'number') return errno;
  }
  return undefined;
}

/** A deadlock victim's transaction was rolled back whole, so running it again is safe. */
export function isRetryable(error: unknown): boolean {
  const errno = errnoOf(error);
  return errno === DEADLOCK || errno === LOCK_WAIT_TIMEOUT;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs database work under a deadline, retrying deadlock victims after a short random pause,
 * and turns every failure into DatabaseUnavailableError. The work may go on in the background after the deadline;
 * the pool's lock-wait and connect timeouts bound how long it can hold a connection.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  work: () => Promise<T>,
  attempts = 6,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new DatabaseUnavailableError(`database did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const attempt = async (): Promise<T> => {
    for (let tried = 1; ; tried++) {
      try {
        return await work();
      } catch (error) {
        if (tried >= attempts || timedOut || !isRetryable(error)) throw error;
        // Writers that deadlocked once meet again if they retry in step: back off, with jitter.
        await sleep(Math.random() * Math.min(200, 10 * 2 ** tried));
      }
    }
  };
  const running = attempt();
  // After the deadline nobody awaits the work; its late failure must not go unhandled.
  running.catch(() => {});
  try {
    return await Promise.race([running, expired]);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError('database query failed', { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
