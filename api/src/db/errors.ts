/**
 * What went wrong with the database, in the terms the api answers in. Every one of them is a
 * 503, but they promise different things about a write: `not-written` (it did not happen and
 * will not), `outcome-unknown` (the commit was under way when the answer was lost), `busy`
 * (it never started: too many requests were already waiting).
 */
export type DatabaseFailure = 'unavailable' | 'not-written' | 'outcome-unknown' | 'busy';

export class DatabaseError extends Error {
  constructor(
    readonly failure: DatabaseFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;
const ER_DUP_ENTRY = 1062;

/** The MySQL error number of a driver error, however deep Drizzle wrapped it. */
export function errnoOf(error: unknown): number | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const errno = (current as { errno?: unknown }).errno;
    if (typeof errno === 'number') return errno;
  }
  return undefined;
}

/** The server rolled the whole transaction back (a deadlock victim), so running it again is safe. */
export const isDeadlock = (error: unknown) => errnoOf(error) === ER_LOCK_DEADLOCK;

/** A row lock was not granted within innodb_lock_wait_timeout. */
export const isLockWaitTimeout = (error: unknown) => errnoOf(error) === ER_LOCK_WAIT_TIMEOUT;

export const isDuplicateKey = (error: unknown) => errnoOf(error) === ER_DUP_ENTRY;

/** mysql2 refuses a request outright when its wait queue for a connection is full. */
export function isQueueFull(error: unknown): boolean {
  return error instanceof Error && error.message === 'Queue limit reached.';
}

/**
 * Whether an error came from the database or the connection to it (as opposed to a bug or a
 * domain decision taken while the transaction ran): only those become 503s.
 */
export function isDatabaseError(error: unknown): boolean {
  if (errnoOf(error) !== undefined || isQueueFull(error)) return true;
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|PROTOCOL_|ER_)/.test(code)) return true;
    if ((current as { fatal?: unknown }).fatal === true) return true;
  }
  return false;
}
