import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { DatabaseError, type DatabaseFailure } from '../db/errors.js';
import { KeyConflictError } from '../idempotency/idempotent-write.js';
import { PROBLEM_TYPES, type ProblemType } from '../problem-types.js';
import { ClientGoneError } from './json-body.js';
import { ProblemError, problemResponse } from './problem.js';
import type { AppEnv } from './request-context.js';

// nginx's code for "the client closed the request": not a server error, yet not a success.
const CLIENT_CLOSED_REQUEST = 499 as ContentfulStatusCode;

const databaseAnswers: Record<DatabaseFailure, { type: ProblemType; detail: string }> = {
  unavailable: {
    type: PROBLEM_TYPES.unavailable,
    detail: 'The database is unavailable; try again shortly',
  },
  'not-written': {
    type: PROBLEM_TYPES.notWritten,
    detail: 'The database did not complete the change in time; nothing was written',
  },
  'outcome-unknown': {
    type: PROBLEM_TYPES.outcomeUnknown,
    detail:
      'The change was being committed when the answer was lost; retry with the same Idempotency-Key to learn whether it was saved',
  },
  busy: {
    type: PROBLEM_TYPES.busy,
    detail: 'Too many requests are waiting for the database; nothing was done, try again shortly',
  },
};

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** The app's one error handler: every failure becomes a problem+json answer, never a stack. */
export function answerError(error: Error, c: Context<AppEnv>, log: Logger): Response {
  if (error instanceof ProblemError) {
    return problemResponse(c, error.status, error.detail, error.options);
  }
  if (error instanceof KeyConflictError) {
    const inProgress = error.reason === 'in-progress';
    return problemResponse(c, inProgress ? 409 : 422, error.message, {
      type: inProgress ? PROBLEM_TYPES.inProgress : PROBLEM_TYPES.keyReused,
      headers: inProgress ? { 'Retry-After': '1' } : {},
    });
  }
  if (error instanceof DatabaseError) {
    c.var.log?.warn({ err: error.cause ?? error, failure: error.failure }, error.message);
    // A write that failed before reaching its own transaction wrote nothing either.
    const failure =
      error.failure === 'unavailable' && !isRead(c.req.method) ? 'not-written' : error.failure;
    const { type, detail } = databaseAnswers[failure];
    return problemResponse(c, 503, detail, { type, headers: { 'Retry-After': '1' } });
  }
  if (error instanceof ClientGoneError) {
    (c.var.log ?? log).info('the client closed the connection before its request was read');
    return problemResponse(c, CLIENT_CLOSED_REQUEST, error.message);
  }
  if (error instanceof HTTPException) {
    return problemResponse(c, error.status as ContentfulStatusCode, error.message);
  }
  (c.var.log ?? log).error({ err: error }, 'unhandled error');
  return problemResponse(c, 500, 'An unexpected error occurred');
}
