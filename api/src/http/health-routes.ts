import { createRoute, z } from '@hono/zod-openapi';
import type { Metrics } from '../observability/metrics.js';
import type { Lifecycle } from '../server/lifecycle.js';
import { ProblemError } from './problem.js';
import { problemResponses } from './problem-responses.js';
import { createRouter } from './router.js';

const Status = z.object({ status: z.literal('ok') }).openapi('Health');

const liveness = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process answers',
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: Status } } },
  },
});

const readiness = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database answers and the process is not shutting down',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Status } } },
    ...problemResponses(503),
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics',
  responses: {
    200: {
      description: 'Text exposition format',
      content: { 'text/plain': { schema: z.string() } },
    },
  },
});

/** Probes and metrics, outside `/v1`: for the cluster, not for clients. */
export function healthRoutes(deps: {
  ping: () => Promise<void>;
  lifecycle: Lifecycle;
  metrics: Metrics;
}) {
  return createRouter()
    .openapi(liveness, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readiness, async (c) => {
      if (deps.lifecycle.shuttingDown) throw new ProblemError(503, 'Shutting down');
      await deps.ping();
      return c.json({ status: 'ok' as const }, 200);
    })
    .openapi(metricsRoute, async (c) =>
      c.text(await deps.metrics.registry.metrics(), 200, {
        'Content-Type': deps.metrics.registry.contentType,
      }),
    );
}
