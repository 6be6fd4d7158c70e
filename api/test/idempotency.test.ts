import type { RowDataPacket } from 'mysql2';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../src/db/deadline.js';
import { keyPurge } from '../src/maintenance/purges.js';
import { PROBLEM_TYPES, REPLAY_HEADER } from '../src/problem-types.js';
import { expectProblem, type Task, useTaskApi } from './support/task-api.js';

const t = useTaskApi({ emptyEachTest: true });

const withKey = (key: string) => ({ 'idempotency-key': key });

async function counts() {
  const list = (await (await t.api.send('GET', '/v1/tasks')).json()) as {
    counts: { all: number; ongoing: number; completed: number };
  };
  return list.counts;
}

async function storedKeys(): Promise<number> {
  const rows = await t.testDb.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM IdempotencyKey');
  return Number(rows[0]?.n);
}

describe('Idempotency-Key', () => {
  it('makes a repeated create write once and answer the same, marked as a replay', async () => {
    const first = await t.api.send('POST', '/v1/tasks', { title: 'Once' }, withKey('k-create'));
    expect(first.status).toBe(201);
    expect(first.headers.get(REPLAY_HEADER)).toBeNull();
    const task = (await first.json()) as Task;

    for (let repeat = 0; repeat < 3; repeat++) {
      const again = await t.api.send('POST', '/v1/tasks', { title: 'Once' }, withKey('k-create'));
      expect(again.status).toBe(201);
      expect(again.headers.get(REPLAY_HEADER)).toBe('true');
      expect(again.headers.get('location')).toBe(`/v1/tasks/${task.id}`);
      expect(await again.json()).toEqual(task);
    }
    expect(await t.storedTitles()).toEqual(['Once']);
    expect(await counts()).toEqual({ all: 1, ongoing: 1, completed: 0 });
  });

  it('treats the quoted (Structured Field) and the bare form of a key as one key', async () => {
    await t.api.send('POST', '/v1/tasks', { title: 'Quoted' }, withKey('"abc-123"'));
    const bare = await t.api.send('POST', '/v1/tasks', { title: 'Quoted' }, withKey('abc-123'));
    expect(bare.headers.get(REPLAY_HEADER)).toBe('true');
    expect(await t.storedTitles()).toEqual(['Quoted']);
  });

  it('keeps keys apart by case: they are compared byte for byte', async () => {
    await t.api.send('POST', '/v1/tasks', { title: 'a' }, withKey('Key'));
    const other = await t.api.send('POST', '/v1/tasks', { title: 'a' }, withKey('key'));
    expect(other.headers.get(REPLAY_HEADER)).toBeNull();
    expect(await t.storedTitles()).toEqual(['a', 'a']);
  });

  it('replays every kind of change, and the 404 of a task that is gone', async () => {
    const task = await t.create('Milk');
    const send = (method: string, path: string, body: unknown, key: string) =>
      t.api.send(method, path, body, withKey(key));

    const renamed = await send('PATCH', `/v1/tasks/${task.id}`, { title: 'Oat milk' }, 'k1');
    expect(renamed.status).toBe(200);
    // Someone else renames it meanwhile; replaying k1 must not rename it back.
    await t.api.send('PATCH', `/v1/tasks/${task.id}`, { title: 'Soy milk' });
    const replayed = await send('PATCH', `/v1/tasks/${task.id}`, { title: 'Oat milk' }, 'k1');
    expect(replayed.headers.get(REPLAY_HEADER)).toBe('true');
    expect(((await replayed.json()) as Task).title).toBe('Oat milk');
    expect(await t.storedTitles()).toEqual(['Soy milk']);

    expect((await send('PATCH', '/v1/tasks', { status: 'completed' }, 'k2')).status).toBe(200);
    const markedAgain = await send('PATCH', '/v1/tasks', { status: 'completed' }, 'k2');
    expect(await markedAgain.json()).toEqual({ updated: 1 });

    const cleared = await send('DELETE', '/v1/tasks?status=completed', undefined, 'k3');
    const clearedBody = await cleared.json();
    expect(clearedBody).toEqual({ deleted: 1, batch: expect.stringMatching(/^[\w-]{16}$/) });
    // A new completed task after the clear: the replay answers the old result and deletes nothing.
    const later = await t.create('Later');
    await t.api.send('PATCH', `/v1/tasks/${later.id}`, { status: 'completed' });
    const clearedAgain = await send('DELETE', '/v1/tasks?status=completed', undefined, 'k3');
    expect(clearedAgain.headers.get(REPLAY_HEADER)).toBe('true');
    expect(await clearedAgain.json()).toEqual(clearedBody);
    expect(await t.storedTitles()).toEqual(['Later']);

    const deleted = await send('DELETE', `/v1/tasks/${later.id}`, undefined, 'k4');
    expect(deleted.status).toBe(204);
    const deletedAgain = await send('DELETE', `/v1/tasks/${later.id}`, undefined, 'k4');
    expect(deletedAgain.status).toBe(204);
    expect(deletedAgain.headers.get(REPLAY_HEADER)).toBe('true');

    const gone = await send('PATCH', `/v1/tasks/${later.id}`, { status: 'ongoing' }, 'k5');
    await expectProblem(gone, 404);
    const goneAgain = await send('PATCH', `/v1/tasks/${later.id}`, { status: 'ongoing' }, 'k5');
    await expectProblem(goneAgain, 404);
    expect(goneAgain.headers.get(REPLAY_HEADER)).toBe('true');
    expect(await counts()).toEqual({ all: 0, ongoing: 0, completed: 0 });
  });

  it('refuses the same key for another request with 422, and changes nothing', async () => {
    const task = await t.create('Bread');
    await t.api.send('PATCH', `/v1/tasks/${task.id}`, { title: 'Rye' }, withKey('k-used'));
    const keysBefore = await storedKeys();

    const otherBody = await t.api.send(
      'PATCH',
      `/v1/tasks/${task.id}`,
      { title: 'Spelt' },
      withKey('k-used'),
    );
    await expectProblem(otherBody, 422, undefined, PROBLEM_TYPES.keyReused);
    const otherRoute = await t.api.send(
      'DELETE',
      `/v1/tasks/${task.id}`,
      undefined,
      withKey('k-used'),
    );
    await expectProblem(otherRoute, 422, undefined, PROBLEM_TYPES.keyReused);
    const otherMethod = await t.api.send('POST', '/v1/tasks', { title: 'Rye' }, withKey('k-used'));
    await expectProblem(otherMethod, 422, undefined, PROBLEM_TYPES.keyReused);

    expect(await t.storedTitles()).toEqual(['Rye']);
    expect(await storedKeys()).toBe(keysBefore);
  });

  it('accepts only printable ASCII keys up to 255 characters', async () => {
    for (const key of ['', 'a b', 'é', '"unterminated', 'x'.repeat(256), 'back\\slash']) {
      const response = await t.api.send('POST', '/v1/tasks', { title: 'No' }, withKey(key));
      await expectProblem(response, 400, 'idempotency-key');
    }
    expect(await t.storedTitles()).toEqual([]);
    const longest = await t.api.send(
      'POST',
      '/v1/tasks',
      { title: 'Yes' },
      withKey('x'.repeat(255)),
    );
    expect(longest.status).toBe(201);
  });

  it('stores nothing for a request that failed validation', async () => {
    await expectProblem(
      await t.api.send('POST', '/v1/tasks', { title: '' }, withKey('k-invalid')),
      400,
      'title',
    );
    expect(await storedKeys()).toBe(0);
    const valid = await t.api.send('POST', '/v1/tasks', { title: 'Valid' }, withKey('k-invalid'));
    expect(valid.status).toBe(201);
  });

  it('frees a key whose day is over', async () => {
    await t.api.send('POST', '/v1/tasks', { title: 'Yesterday' }, withKey('k-old'));
    await t.testDb.query(
      'UPDATE IdempotencyKey SET expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 SECOND',
    );
    const today = await t.api.send('POST', '/v1/tasks', { title: 'Today' }, withKey('k-old'));
    expect(today.status).toBe(201);
    expect(today.headers.get(REPLAY_HEADER)).toBeNull();
    expect(await t.storedTitles()).toEqual(['Yesterday', 'Today']);
  });

  it('purges expired keys in batches, and only those', async () => {
    for (const key of ['k-a', 'k-b', 'k-c']) {
      await t.api.send('POST', '/v1/tasks', { title: key }, withKey(key));
    }
    await t.testDb.query(
      'UPDATE IdempotencyKey SET expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 SECOND LIMIT 2',
    );
    const purged = await t.database.transaction(new Deadline(5000), (tx) => keyPurge.run(tx, 1));
    expect(purged).toBe(1);
    expect(await storedKeys()).toBe(2);
    expect(await t.database.transaction(new Deadline(5000), (tx) => keyPurge.run(tx, 10))).toBe(1);
    expect(await storedKeys()).toBe(1);
  });

  it('keeps 50 concurrent repeats of one create to one row', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.api.send('POST', '/v1/tasks', { title: 'Stampede' }, withKey('k-stampede')),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    // Each answer is the write, its replay, or "still running" (409): never a second row.
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses).toContain(201);
    expect(await t.storedTitles()).toEqual(['Stampede']);
    expect(await counts()).toEqual({ all: 1, ongoing: 1, completed: 0 });
  });
});
