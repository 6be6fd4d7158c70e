import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDatabase } from './db/client.js';
import { startPurges } from './maintenance/purge.js';
import { maintenancePurges } from './maintenance/purges.js';
import { createLogger } from './observability/logger.js';
import { onTerminationSignals, shutDown } from './server/graceful-shutdown.js';
import { createLifecycle } from './server/lifecycle.js';

function loadConfigOrExit() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
const database = createDatabase({
  primary: config.database.primary,
  replica: config.database.replica,
  poolSize: config.poolSize,
  statementTimeoutMs: config.queryTimeoutMs,
  onConnectionError: (error) => log.warn({ err: error }, 'could not prepare a new connection'),
});
const lifecycle = createLifecycle();
const purges = startPurges({
  database,
  purges: maintenancePurges,
  onError: (purge, error) => log.warn({ err: error, purge }, 'could not purge'),
});
const app = createApp({
  database,
  log,
  lifecycle,
  tokenKeys: config.tokenKeys,
  queryTimeoutMs: config.queryTimeoutMs,
});

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  log.info(
    { port: info.port, replica: config.database.replica !== null },
    `todo-api listening on http://127.0.0.1:${info.port}`,
  );
}) as Server;
// Longer than a load balancer's idle timeout, so it is the balancer that closes idle sockets.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on('error', (error) => {
  log.fatal({ err: error }, 'HTTP server failed');
  process.exit(1);
});

onTerminationSignals((signal) =>
  shutDown(
    {
      server,
      lifecycle,
      log,
      timeoutMs: config.shutdownTimeoutMs,
      close: async () => {
        await purges.stop();
        await database.close();
      },
    },
    signal,
  ),
);
