import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Lifecycle } from './lifecycle.js';

export type ShutdownDependencies = {
  server: Server;
  lifecycle: Lifecycle;
  log: Logger;
  /** Longest in-flight requests may run before their sockets are cut. */
  timeoutMs: number;
  /** Releases what outlives the HTTP server (the pool). */
  close: () => Promise<void>;
};

/**
 * Drains the server the way Kubernetes expects: readiness fails at once, no new connection
 * is accepted, requests in flight finish (their keep-alive sockets are told to close), idle
 * sockets are closed, and after `timeoutMs` whatever is left is cut. Resolves when all is
 * released; the caller then exits 0.
 */
export async function shutDown(deps: ShutdownDependencies, signal: string): Promise<void> {
  const { server, lifecycle, log } = deps;
  lifecycle.beginShutdown();
  log.info({ signal, timeoutMs: deps.timeoutMs }, 'shutting down: draining requests');

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive socket turns idle when its last answer is sent: sweep until none remain.
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => {
    log.warn('shutdown timeout reached: closing remaining connections');
    server.closeAllConnections();
  }, deps.timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweeper);
    clearTimeout(deadline);
  }
  await deps.close();
  log.info('shut down cleanly');
}

/** Runs `shutDown` once on SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function onTerminationSignals(run: (signal: string) => Promise<void>): void {
  let started = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (started) process.exit(1);
      started = true;
      run(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
