import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import type { Deadline } from '../db/deadline.js';
import type { Metrics } from '../observability/metrics.js';

/** What this middleware puts on the request context for the handlers after it. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    /** When the request's database work must be done (see request-deadline.ts). */
    deadline: Deadline;
    /** The account the request acts for, from its bearer token (see bearer-auth.ts). */
    account: string;
  };
};

// An incoming id is reused only if it is short and plain, so logs cannot be forged with it.
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** The pattern of the handler that answered (middleware is registered for every method). */
function routeOf(c: Context): string {
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
  return handler?.path ?? 'unmatched';
}

/**
 * Gives each request an id (the caller's X-Request-Id when sane), then writes one log line
 * and one histogram sample when it is answered. `route` is the pattern, never the raw path,
 * so metrics keep a bounded number of series.
 */
export function requestContext(log: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('log', log.child({ requestId }));
    c.header('X-Request-Id', requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    const status = c.res.status;
    metrics.observeRequest({ method: c.req.method, route, status }, seconds);
    const line = {
      requestId,
      method: c.req.method,
      route,
      path: c.req.path,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
    };
    if (status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  };
}
