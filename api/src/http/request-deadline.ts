import type { MiddlewareHandler } from 'hono';
import { Deadline } from '../db/deadline.js';
import { TIMEOUT_HEADER } from '../problem-types.js';
import { ProblemError } from './problem.js';
import type { AppEnv } from './request-context.js';

const MILLISECONDS = /^\d{1,6}$/;

/**
 * Fixes the request's deadline: the api's own limit, or sooner when the caller says how long it
 * will wait (`Request-Timeout-Ms`), so that the caller always hears the verdict before it gives
 * up, and a write it stopped waiting for is not committed behind its back.
 */
export function requestDeadline(limitMs: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header(TIMEOUT_HEADER);
    let ms = limitMs;
    if (header !== undefined) {
      if (!MILLISECONDS.test(header) || Number(header) < 1) {
        const message = 'must be a whole number of milliseconds from 1 to 999999';
        throw new ProblemError(400, `Invalid ${TIMEOUT_HEADER}: ${message}`, {
          errors: [{ field: TIMEOUT_HEADER.toLowerCase(), in: 'header', message }],
        });
      }
      ms = Math.min(limitMs, Number(header));
    }
    c.set('deadline', new Deadline(ms));
    await next();
  };
}
