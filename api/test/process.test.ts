import { once } from 'node:events';
import { connect } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import type { RowDataPacket } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRowSql, TEST_ACCOUNT, tokenFor } from './support/accounts.js';
import { freePort, runToExit, startApi } from './support/api-process.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase({ prefix: 'todo_process' });
  await testDb.query(...accountRowSql(TEST_ACCOUNT));
});
afterAll(() => testDb.drop());

describe('the api process', () => {
  it('finishes a slow request after SIGTERM, refuses new work, and exits 0', async () => {
    const api = await startApi({ DATABASE_URL: testDb.url });
    const auth = { authorization: `Bearer ${await tokenFor(TEST_ACCOUNT)}` };
    const created = await fetch(`${api.url}/v1/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ title: 'Slow one' }),
    });
    const { id } = (await created.json()) as { id: number };

    // Hold the row's lock so the PATCH below waits inside the database.
    const locker = await createConnection(testDb.settings);
    await locker.beginTransaction();
    await locker.query('SELECT * FROM Todo WHERE task_id = ? FOR UPDATE', [id]);
    const slow = fetch(`${api.url}/v1/tasks/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ status: 'completed' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    api.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Draining: no new connection is accepted, the old request is still waiting.
    await expect(fetch(`${api.url}/readyz`)).rejects.toThrow();
    expect(api.child.exitCode).toBeNull();

    await locker.commit();
    await locker.end();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: 'completed' });
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('shut down cleanly');
  });

  it('answers 503 fast when the database is down, stays up, and stays live', async () => {
    const nowhere = await freePort();
    const api = await startApi({ DATABASE_URL: `mysql://root@127.0.0.1:${nowhere}/todo` });
    try {
      const started = Date.now();
      const list = await fetch(`${api.url}/v1/tasks`, {
        headers: { authorization: `Bearer ${await tokenFor(TEST_ACCOUNT)}` },
      });
      expect(list.status).toBe(503);
      expect(list.headers.get('content-type')).toBe('application/problem+json');
      expect(await list.json()).toMatchObject({
        status: 503,
        type: '/problems/unavailable',
        title: 'Database unavailable',
      });
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
      expect(api.child.exitCode).toBeNull();
    } finally {
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    }
  });

  it('counts a client that hangs up mid-body as 499, with no stack and no 5xx', async () => {
    const api = await startApi({ DATABASE_URL: testDb.url });
    try {
      const { port } = new URL(api.url);
      for (let hangUp = 0; hangUp < 3; hangUp++) {
        const socket = connect(Number(port), '127.0.0.1');
        await once(socket, 'connect');
        socket.write(
          'POST /v1/tasks HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n' +
            `Authorization: Bearer ${await tokenFor(TEST_ACCOUNT)}\r\n` +
            'Content-Length: 1000\r\n\r\n{"title":"cut sh',
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        socket.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const metrics = await (await fetch(`${api.url}/metrics`)).text();
      expect(metrics).toMatch(
        /http_request_duration_seconds_count\{method="POST",route="unmatched",status="499"\} 3|http_request_duration_seconds_count\{method="POST",route="\/v1\/tasks",status="499"\} 3/,
      );
      expect(metrics).not.toMatch(/status="5\d\d"/);
      expect(api.output()).not.toContain('unhandled error');
      expect(api.output()).not.toMatch(/"stack"/);
      expect(api.output()).toContain(
        'the client closed the connection before its request was read',
      );
      const rows = await testDb.query<RowDataPacket[]>(
        "SELECT task FROM Todo WHERE task LIKE 'cut%'",
      );
      expect(rows).toEqual([]);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  });

  it.each([
    [{}, 'DB_HOST'],
    [{ DATABASE_URL: 'mysql://root@127.0.0.1/todo', PORT: 'http' }, 'PORT'],
    [
      { DB_HOST: 'h', DB_USER: 'u', DB_NAME: 'd', DB_PASSWORD_FILE: '/nonexistent' },
      'DB_PASSWORD_FILE',
    ],
  ])('exits 1 with one line naming the bad variable (%j)', async (env, variable) => {
    const { code, stderr } = await runToExit(env);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
