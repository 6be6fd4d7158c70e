import { bearerSource, ensureAccount } from '@todo/harness/accounts';
import { startApi } from '@todo/harness/services';
import { createTestDatabase } from '@todo/harness/test-database';
import fc from 'fast-check';
import { createConnection } from 'mysql2/promise';
import { inProcessApp } from '../in-process-app.js';
import { hostileRequest } from './requests.js';
import { createHostileRunner, type HostileStats, type Send } from './runner.js';
import { watchWrites } from './table-fingerprint.js';

export type StreamResult = HostileStats & { apiExitCode?: number; apiAliveAfter?: boolean };

/**
 * One sequence of generated requests against an api on a database of its own, so that a change
 * to the table is always the doing of this stream's last request. `in-process` sends through
 * `app.request()`; `socket` through fetch to the compiled api in its own process.
 */
export async function runHostileStream(
  transport: 'in-process' | 'socket',
  numRuns: number,
): Promise<StreamResult> {
  const testDb = await createTestDatabase({ prefix: 'todo_hostile' });
  const connection = await createConnection(testDb.settings);
  await watchWrites(connection);
  await ensureAccount(testDb.url);
  const api = transport === 'socket' ? await startApi({ databaseUrl: testDb.url }) : null;
  try {
    let transmit: Send;
    if (api) {
      transmit = (method, path, init) =>
        fetch(`${api.url}${path}`, { method, ...init, signal: AbortSignal.timeout(10_000) });
    } else {
      const app = inProcessApp(testDb.open());
      transmit = async (method, path, init) => app.request(path, { method, ...init });
    }
    // As the web sends them: with a valid token, unless the request brings its own.
    const authorized = bearerSource();
    const send: Send = async (method, path, init) =>
      transmit(method, path, {
        ...init,
        headers: { ...(await authorized()), ...init.headers },
      });
    const runner = await createHostileRunner(send, connection);
    await fc.assert(fc.asyncProperty(hostileRequest, runner.run), { numRuns });
    if (!api) return runner.stats;
    const alive = await fetch(`${api.url}/healthz`).then((response) => response.status === 200);
    return {
      ...runner.stats,
      apiAliveAfter: alive && api.child.exitCode === null,
      apiExitCode: await api.stop(),
    };
  } finally {
    await api?.stop();
    await connection.end();
    await testDb.drop();
  }
}
