/**
 * The problem types the api answers with beyond plain HTTP statuses (`about:blank`), in one
 * module with no dependencies: the api's error handler and the web app, which must tell the
 * person at the keyboard the truth about their change, both import it
 * (`@todo/api/problem-types`). Relative URI references, resolved against the api's own URL.
 */
export const PROBLEM_TYPES = {
  /** 503 for a read or a probe: the database did not answer. */
  unavailable: '/problems/unavailable',
  /** 503 for a write: it did not happen and will not happen. Safe to retry. */
  notWritten: '/problems/not-written',
  /** 503 for a write whose COMMIT was under way when the answer was lost: retry with the same Idempotency-Key to learn which. */
  outcomeUnknown: '/problems/outcome-unknown',
  /** 503: too many requests were already waiting for the database; nothing was done. */
  busy: '/problems/busy',
  /** 409: a request with this Idempotency-Key is still running; retry later with the same key. */
  inProgress: '/problems/in-progress',
  /** 422: this Idempotency-Key was used for a different request. */
  keyReused: '/problems/idempotency-key-reused',
} as const;

export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

/** Marks an answer that was stored with its Idempotency-Key and is being sent again. */
export const REPLAY_HEADER = 'Idempotent-Replayed';

/** How long, in ms, the caller will wait for the answer; the api gives up sooner (`Request-Timeout-Ms`). */
export const TIMEOUT_HEADER = 'Request-Timeout-Ms';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
