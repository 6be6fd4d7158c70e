import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runToExit, startApi } from './support/api-process.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase({ prefix: 'todo_process' });
});
afterAll(() => testDb.drop());

describe('the api process', () => {
  it('finishes a slow request after SIGTERM, refuses new work, and exits 0', async () => {
    const api = await startApi({ DATABASE_URL: testDb.url });
    const created = await fetch(`${api.url}/v1/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Slow one' }),
    });
    const { id } = (await created.json()) as { id: number };

    // Hold the row's lock so the PATCH below waits inside the database.
    const locker = await createConnection(testDb.settings);
    await locker.beginTransaction();
    await locker.query('SELECT * FROM Todo WHERE task_id = ? FOR UPDATE', [id]);
    const slow = fetch(`${api.url}/v1/tasks/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
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
      const list = await fetch(`${api.url}/v1/tasks`);
      expect(list.status).toBe(503);
      expect(list.headers.get('content-type')).toBe('application/problem+json');
      expect(await list.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
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
