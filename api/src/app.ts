import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { accountRoutes } from './account/routes.js';
import type { Database } from './db/client.js';
import { Deadline, readWithin } from './db/deadline.js';
import { createFeedHub } from './events/feed-hub.js';
import { eventRoutes } from './events/routes.js';
import { bearerAuth } from './http/bearer-auth.js';
import { answerError } from './http/error-answers.js';
import { healthRoutes } from './http/health-routes.js';
import { jsonBody } from './http/json-body.js';
import { problemResponse } from './http/problem.js';
import { type AppEnv, requestContext } from './http/request-context.js';
import { requestDeadline } from './http/request-deadline.js';
import { createIdempotentWrites } from './idempotency/idempotent-write.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createLifecycle, type Lifecycle } from './server/lifecycle.js';
import { taskRoutes } from './tasks/routes.js';
import { createTaskReads } from './tasks/task-reads.js';
import { createTaskWrites } from './tasks/task-writes.js';

export type AppDependencies = {
  database: Database;
  log: Logger;
  /** Keys of the web's bearer tokens (see auth/). */
  tokenKeys: Uint8Array[];
  lifecycle?: Lifecycle;
  metrics?: Metrics;
  /** Longest a request waits on the database before answering 503. */
  queryTimeoutMs?: number;
  /** How often the change feed's poller looks for new events while streams are open. */
  feedPollMs?: number;
};

const hasUnreadBody = (request: Request) =>
  request.body !== null &&
  !request.bodyUsed &&
  (request.headers.has('transfer-encoding') ||
    Number(request.headers.get('content-length') ?? '0') > 0);

// Readiness asks the database one trivial question; a second without an answer is "not ready".
const READINESS_TIMEOUT_MS = 1000;

export function createApp(deps: AppDependencies) {
  const { database, log } = deps;
  const lifecycle = deps.lifecycle ?? createLifecycle();
  const hub = createFeedHub({
    db: database.feed,
    ...(deps.feedPollMs ? { pollMs: deps.feedPollMs } : {}),
    onError: (error) => log.warn({ err: error }, 'the change feed could not be read'),
  });
  const metrics =
    deps.metrics ??
    createMetrics({
      poolStats: () => database.poolStats(),
      openStreams: () => hub.stats().streams,
    });
  const queryTimeoutMs = deps.queryTimeoutMs ?? 5000;
  const writes = createTaskWrites();
  const write = createIdempotentWrites(database);

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestContext(log, metrics));
  app.use('*', async (c, next) => {
    await next();
    // While draining, tell keep-alive clients to reconnect elsewhere after this answer; and
    // after refusing a request before reading its body (a bad token, say), close rather than
    // leave the unread bytes in front of the connection's next request.
    if (lifecycle.shuttingDown || hasUnreadBody(c.req.raw)) c.header('Connection', 'close');
  });
  app.use('/v1/*', bearerAuth(deps.tokenKeys), requestDeadline(queryTimeoutMs), jsonBody);

  app.notFound((c) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => answerError(error, c, log));

  // Chained, so that AppType carries every route for the web's typed client.
  const routes = app
    .route(
      '/',
      healthRoutes({
        ping: () => readWithin(new Deadline(READINESS_TIMEOUT_MS), () => database.ping()),
        lifecycle,
        metrics,
      }),
    )
    .route('/v1/tasks', taskRoutes({ reads: createTaskReads(database), writes, write }))
    .route('/v1/account', accountRoutes({ writes, write }))
    .route('/v1/events', eventRoutes({ hub, lifecycle }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'webToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A token the web app makes for each call: HS256, `sub` the account, `aud` 'todo-api', " +
      "`iss` 'todo-web', valid for at most 60 s. Every /v1 route needs one; a task of another " +
      'account answers 404.',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Todo API',
      version: '1.0.0',
      description: 'Tasks of the Todo app. Every error is application/problem+json (RFC 9457).',
    },
    security: [{ webToken: [] }],
  });

  return routes;
}

export type AppType = ReturnType<typeof createApp>;
