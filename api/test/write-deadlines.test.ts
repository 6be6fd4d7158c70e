import { createConnection } from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, REPLAY_HEADER } from '../src/problem-types.js';
import { expectProblem, type Task, useTaskApi } from './support/task-api.js';
import { buildApp } from './support/test-app.js';

// The database held up in the ways a backup, a schema change or a long transaction holds it
// up, from another connection on this file's own database: a write that answers 503 "not
// written" must not appear afterwards, and reads and readiness must go on where they can.

const t = useTaskApi({ emptyEachTest: true });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Shorter than the lock is held, so every write below meets its deadline while it waits.
const DEADLINE = { 'request-timeout-ms': '1200' };
const HOLD_MS = 2500;

type Locker = { release(): Promise<void> };

async function hold(statements: string[]): Promise<Locker> {
  const connection = await createConnection(t.testDb.settings);
  for (const statement of statements) await connection.query(statement);
  return {
    async release() {
      await connection.query('UNLOCK TABLES').catch(() => {});
      await connection.query('ROLLBACK').catch(() => {});
      await connection.end();
    },
  };
}

const locks: Locker[] = [];
afterEach(async () => {
  await Promise.all(locks.splice(0).map((lock) => lock.release()));
});

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('a write that meets its deadline', () => {
  it('under a read lock answers "not written", and the row never appears', async () => {
    const lock = await hold(['FLUSH TABLES Todo, TodoCounter WITH READ LOCK']);
    locks.push(lock);
    const key = { ...DEADLINE, 'idempotency-key': 'k-read-lock' };
    const { value: answer, ms } = await timed(() =>
      t.api.send('POST', '/v1/tasks', { title: 'Behind the lock' }, key),
    );
    await expectProblem(answer, 503, undefined, PROBLEM_TYPES.notWritten);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(ms).toBeLessThan(HOLD_MS);

    // The lock allows reads: the list and readiness go on answering.
    expect((await t.api.send('GET', '/v1/tasks')).status).toBe(200);
    expect((await t.api.send('GET', '/readyz')).status).toBe(200);

    await sleep(HOLD_MS - ms);
    await lock.release();
    locks.pop();
    await sleep(500); // long enough for a statement left behind to commit, had it survived
    expect(await t.storedTitles()).toEqual([]);

    // The same key, now that the database is free, writes it once.
    const retried = await t.api.send('POST', '/v1/tasks', { title: 'Behind the lock' }, key);
    expect(retried.status).toBe(201);
    expect(await t.storedTitles()).toEqual(['Behind the lock']);
  });

  it('under LOCK TABLES ... WRITE answers "not written" for every kind of change', async () => {
    const task = await t.create('Locked');
    const done = await t.create('Done');
    await t.api.send('PATCH', `/v1/tasks/${done.id}`, { status: 'completed' });
    const lock = await hold(['LOCK TABLES Todo WRITE, TodoCounter WRITE']);
    locks.push(lock);

    const changes: Array<[string, string, unknown]> = [
      ['POST', '/v1/tasks', { title: 'New' }],
      ['PATCH', `/v1/tasks/${task.id}`, { title: 'Renamed' }],
      ['PATCH', `/v1/tasks/${task.id}`, { status: 'completed' }],
      ['DELETE', `/v1/tasks/${task.id}`, undefined],
      ['PATCH', '/v1/tasks', { status: 'completed' }],
      ['DELETE', '/v1/tasks?status=completed', undefined],
    ];
    const answers = await Promise.all(
      changes.map(([method, path, body]) => t.api.send(method, path, body, DEADLINE)),
    );
    for (const answer of answers) {
      await expectProblem(answer, 503, undefined, PROBLEM_TYPES.notWritten);
    }
    // Readiness asks the server, not the locked tables.
    expect((await t.api.send('GET', '/readyz')).status).toBe(200);

    await lock.release();
    locks.pop();
    await sleep(500);
    const rows = await t.testDb.query('SELECT task, status FROM Todo ORDER BY task_id');
    expect(rows.map((row) => [row.task, row.status])).toEqual([
      ['Locked', 'ongoing'],
      ['Done', 'completed'],
    ]);
    const counters = await t.testDb.query(
      'SELECT SUM(ongoing) AS ongoing, SUM(completed) AS completed FROM TodoCounter',
    );
    expect(counters.map((row) => [Number(row.ongoing), Number(row.completed)])).toEqual([[1, 1]]);
  });

  it('waiting on another transaction\'s row lock answers "not written" and leaves the row', async () => {
    const task = await t.create('Row-locked');
    const lock = await hold([
      'START TRANSACTION',
      `SELECT * FROM Todo WHERE task_id = ${task.id} FOR UPDATE`,
    ]);
    locks.push(lock);
    const { value: answer, ms } = await timed(() =>
      t.api.send('PATCH', `/v1/tasks/${task.id}`, { title: 'Never' }, DEADLINE),
    );
    await expectProblem(answer, 503, undefined, PROBLEM_TYPES.notWritten);
    expect(ms).toBeLessThan(HOLD_MS);
    // Other rows are free: writing them goes on.
    expect((await t.api.send('POST', '/v1/tasks', { title: 'Free' }, DEADLINE)).status).toBe(201);
    await lock.release();
    locks.pop();
    await sleep(500);
    expect(await t.storedTitles()).toEqual(['Row-locked', 'Free']);
  });

  it('answers 409 to the same key while the first is still running, then the result', async () => {
    const lock = await hold(['LOCK TABLES Todo WRITE']);
    locks.push(lock);
    const key = { 'request-timeout-ms': '4000', 'idempotency-key': 'k-slow' };
    const first = t.api.send('POST', '/v1/tasks', { title: 'Slow' }, key);
    await sleep(300); // the first has claimed the key and waits for the table
    const second = await t.api.send('POST', '/v1/tasks', { title: 'Slow' }, key);
    await expectProblem(second, 409, undefined, PROBLEM_TYPES.inProgress);
    expect(second.headers.get('retry-after')).toBe('1');

    await lock.release();
    locks.pop();
    const answer = await first;
    expect(answer.status).toBe(201);
    const task = (await answer.json()) as Task;
    const third = await t.api.send('POST', '/v1/tasks', { title: 'Slow' }, key);
    expect(third.headers.get(REPLAY_HEADER)).toBe('true');
    expect(((await third.json()) as Task).id).toBe(task.id);
    expect(await t.storedTitles()).toEqual(['Slow']);
  });

  it('answers "busy" at once when the queue for a write connection is full', async () => {
    const small = t.testDb.open({ poolSize: 1, queueLimit: 1 });
    const api = buildApp(small);
    const lock = await hold(['LOCK TABLES Todo WRITE']);
    locks.push(lock);
    const deadline = { 'request-timeout-ms': '2000' };
    const holding = api.send('POST', '/v1/tasks', { title: 'One' }, deadline);
    await sleep(200);
    const waiting = api.send('POST', '/v1/tasks', { title: 'Two' }, deadline);
    await sleep(200);
    const { value: refused, ms } = await timed(() =>
      api.send('POST', '/v1/tasks', { title: 'Three' }, deadline),
    );
    await expectProblem(refused, 503, undefined, PROBLEM_TYPES.busy);
    expect(ms).toBeLessThan(1000);
    await lock.release();
    locks.pop();
    await Promise.all([holding, waiting]);
  });
});
