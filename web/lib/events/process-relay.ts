import { authorizationFor } from '../api/account-token';
import { webConfig } from '../config';
import { createEventRelay, type EventRelay } from './relay';
import { apiEventStream } from './upstream';

// One relay per process, on globalThis: the route and the shutdown hook are bundled apart.
const RELAY_KEY = Symbol.for('todo.web.eventRelay');
const store = globalThis as Record<symbol, EventRelay | undefined>;

/**
 * Logs a failing upstream at most once per `everyMs`, with how many failures it left out: with
 * the api away, every signed-in account's stream fails every few seconds.
 */
function throttledLog(everyMs: number) {
  let lastAt = 0;
  let skipped = 0;
  return (error: unknown) => {
    const now = Date.now();
    if (now - lastAt < everyMs) {
      skipped++;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const more = skipped > 0 ? ` (and ${skipped} more failures since the last report)` : '';
    console.error(`web: event stream from the api: ${message}${more}`);
    lastAt = now;
    skipped = 0;
  };
}

/** This process's relay of the api's change feed, made on first use. */
export function processRelay(): EventRelay {
  let relay = store[RELAY_KEY];
  if (!relay) {
    const { apiUrl, apiTimeoutMs } = webConfig();
    relay = createEventRelay({
      connect: apiEventStream({
        apiUrl,
        timeoutMs: apiTimeoutMs,
        authorization: authorizationFor,
      }),
      onError: throttledLog(30_000),
    });
    store[RELAY_KEY] = relay;
  }
  return relay;
}

/** Ends every open event stream (SIGTERM): the server can close, browsers go elsewhere. */
export function closeProcessRelay(): void {
  store[RELAY_KEY]?.closeAll();
}
