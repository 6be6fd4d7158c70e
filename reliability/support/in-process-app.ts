import { TEST_TOKEN_KEY } from '@todo/harness/accounts';
import { createApp } from '../../api/src/app.js';
import type { Database } from '../../api/src/db/client.js';
import { createLogger } from '../../api/src/observability/logger.js';

/** The real app without a socket, answering through `app.request()`; it logs nothing. */
export function inProcessApp(database: Database) {
  return createApp({
    database,
    log: createLogger('silent'),
    tokenKeys: [new TextEncoder().encode(TEST_TOKEN_KEY)],
  });
}
