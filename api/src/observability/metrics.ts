import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/client.js';

export type Metrics = {
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
};

export type MetricSources = {
  poolStats: () => PoolStats[];
  /** Change-feed streams open now. */
  openStreams?: () => number;
};

/** One registry per app, so that tests can build several apps in one process. */
export function createMetrics({ poolStats, openStreams }: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const gauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        for (const stats of poolStats()) this.set({ pool: stats.name }, read(stats));
      },
    });
  gauge('db_pool_connections', 'Open connections in the pool', (stats) => stats.size);
  gauge('db_pool_connections_busy', 'Connections lent out to a query', (stats) => stats.busy);
  gauge('db_pool_queue_length', 'Queries waiting for a free connection', (stats) => stats.queued);

  new Gauge({
    name: 'events_open_streams',
    help: 'Change-feed streams (GET /v1/events) open now',
    registers: [registry],
    collect() {
      this.set(openStreams?.() ?? 0);
    },
  });

  return {
    registry,
    observeRequest: ({ method, route, status }, seconds) =>
      duration.observe({ method, route, status: String(status) }, seconds),
  };
}
