import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { type NodeService, startNodeService } from '../../scripts/lib/node-service.js';
import { apiEntry, apiMigrator } from './paths.js';

const run = promisify(execFile);

/** Applies the shipped migrations with the api's own migrator, as the chart's Job does. */
export async function migrate(databaseUrl: string): Promise<void> {
  await run(process.execPath, [apiMigrator], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    timeout: 60_000,
  });
}

/** The compiled api, started like its container (it need not be ready: the db may be down). */
export function startApiService(
  databaseUrl: string,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<NodeService> {
  return startNodeService({
    name: 'api',
    entry: apiEntry,
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...options.env },
    probePath: '/healthz',
    ...(options.port ? { port: options.port } : {}),
  });
}

/** The production web server (the standalone build) in front of `apiUrl`. */
export function startWebService(
  apiUrl: string,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<NodeService> {
  return startNodeService({
    name: 'web',
    entry: inject('webServer'),
    env: { API_URL: apiUrl, API_TIMEOUT_MS: '1000', ...options.env },
    probePath: '/healthz',
    ...(options.port ? { port: options.port } : {}),
  });
}
