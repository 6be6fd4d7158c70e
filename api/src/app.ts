import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { Database } from './db/client.js';
import { DatabaseUnavailableError, withDeadline } from './db/deadline.js';
import { healthRoutes } from './http/health-routes.js';
import { jsonBody } from './http/json-body.js';
import { ProblemError, problemResponse } from './http/problem.js';
import { type AppEnv, requestContext } from './http/request-context.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createLifecycle, type Lifecycle } from './server/lifecycle.js';
import { createTaskRepository } from './tasks/repository.js';
import { taskRoutes } from './tasks/routes.js';

export type AppDependencies = {
  database: Database;
  log: Logger;
  lifecycle?: Lifecycle;
  metrics?: Metrics;
  /** Longest a request waits on the database before answering 503. */
  queryTimeoutMs?: number;
};

// Readiness asks the database one trivial question; a second without an answer is "not ready".
const READINESS_TIMEOUT_MS = 1000;

export function createApp(deps: AppDependencies) {
  const { database, log } = deps;
  const lifecycle = deps.lifecycle ?? createLifecycle();
  const metrics = deps.metrics ?? createMetrics(() => database.poolStats());
  const tasks = createTaskRepository(database.db, { timeoutMs: deps.queryTimeoutMs ?? 5000 });

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestContext(log, metrics));
  app.use('*', async (c, next) => {
    await next();
    // While draining, tell keep-alive clients to reconnect elsewhere after this answer.
    if (lifecycle.shuttingDown) c.header('Connection', 'close');
  });
  app.use('/v1/*', jsonBody);

  app.notFound((c) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      return problemResponse(c, error.status, error.detail, error.errors, error.headers);
    }
    if (error instanceof DatabaseUnavailableError) {
      c.var.log?.warn({ err: error.cause ?? error }, error.message);
      return problemResponse(c, 503, 'The database is unavailable; try again shortly', undefined, {
        'Retry-After': '1',
      });
    }
    if (error instanceof HTTPException) {
      return problemResponse(c, error.status as ContentfulStatusCode, error.message);
    }
    (c.var.log ?? log).error({ err: error }, 'unhandled error');
    return problemResponse(c, 500, 'An unexpected error occurred');
  });

  // Chained, so that AppType carries every route for the web's typed client.
  const routes = app
    .route(
      '/',
      healthRoutes({
        ping: () => withDeadline(READINESS_TIMEOUT_MS, () => database.ping(), 1),
        lifecycle,
        metrics,
      }),
    )
    .route('/v1/tasks', taskRoutes(tasks));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Todo API',
      version: '1.0.0',
      description: 'Tasks of the Todo app. Every error is application/problem+json (RFC 9457).',
    },
  });

  return routes;
}

export type AppType = ReturnType<typeof createApp>;
