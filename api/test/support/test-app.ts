import { Writable } from 'node:stream';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/observability/logger.js';
import { createLifecycle } from '../../src/server/lifecycle.js';
import { TEST_ACCOUNT, testTokenKeys, tokenFor } from './accounts.js';

/**
 * The real app on a real database, with its log lines captured for assertions. `send` calls it
 * as the web does, with a token for `account` (TEST_ACCOUNT unless given; `null` for none).
 */
export function buildApp(
  database: Database,
  options: { queryTimeoutMs?: number; feedPollMs?: number } = {},
) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const lifecycle = createLifecycle();
  const app = createApp({
    database,
    log: createLogger('info', sink),
    lifecycle,
    tokenKeys: testTokenKeys,
    queryTimeoutMs: options.queryTimeoutMs ?? 5000,
    feedPollMs: options.feedPollMs ?? 50,
  });
  const send = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    account: string | null = TEST_ACCOUNT,
  ): Promise<Response> => {
    const auth: Record<string, string> =
      account === null ? {} : { authorization: `Bearer ${await tokenFor(account)}` };
    const json: Record<string, string> =
      body === undefined ? {} : { 'content-type': 'application/json' };
    return app.request(path, {
      method,
      headers: { ...auth, ...json, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  };
  return { app, lines, lifecycle, send };
}
