import { bearer, ensureAccount } from '@todo/harness/accounts';
import { readEvents } from '@todo/harness/event-stream';
import type { NodeService } from '@todo/harness/node-service';
import { startApi } from '@todo/harness/services';
import { addTask } from '@todo/harness/task-client';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures.js';

// The change feed across replicas: a write on one api process reaches a stream held by another
// (they share nothing but the database), and a stream cut by a shutdown resumes on the other
// replica with nothing missed.

let db: TestDatabase;
let first: NodeService;
let second: NodeService;

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'todo_live' });
  await ensureAccount(db.url);
  [first, second] = await Promise.all([
    startApi({ databaseUrl: db.url }),
    startApi({ databaseUrl: db.url }),
  ]);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await db?.drop();
});

async function openStream(api: NodeService, lastEventId?: string) {
  const response = await fetch(`${api.url}/v1/events`, {
    headers: {
      ...(await bearer()),
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
  });
  expect(response.status).toBe(200);
  return readEvents(response);
}

describe('the change feed across api replicas', () => {
  it('delivers a write made on one replica to a stream on the other, in under a second', async () => {
    const stream = await openStream(first);
    await stream.next(); // ready
    const latencies: number[] = [];
    for (let index = 0; index < 10; index++) {
      const started = performance.now();
      await addTask(second.url, `across ${index}`);
      const event = await stream.next(2000);
      latencies.push(performance.now() - started);
      expect(JSON.parse(event.data)).toMatchObject({
        kind: 'task.created',
        task: { title: `across ${index}` },
      });
    }
    await stream.close();
    reportFigures('change feed across replicas', {
      deliveredMs: latencies.map((ms) => Math.round(ms)),
    });
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('ends its streams on SIGTERM; resumed on the other replica, nothing is missed', async () => {
    const doomed = await startApi({ databaseUrl: db.url });
    const stream = await openStream(doomed);
    const ready = await stream.next();
    await addTask(second.url, 'before the shutdown');
    const before = await stream.next(2000);

    const exit = doomed.stop();
    // The stream ends with the process, well before its grace period would cut it.
    expect(await stream.ended(5000)).toBe(true);
    expect(await exit).toBe(0);
    for (const title of ['while away 1', 'while away 2']) await addTask(second.url, title);

    const resumed = await openStream(second, before.id);
    const missed = [await resumed.next(2000), await resumed.next(2000)];
    expect(missed.map((event) => JSON.parse(event.data).task.title)).toEqual([
      'while away 1',
      'while away 2',
    ]);
    expect(missed.map((event) => Number(event.id))).toEqual([
      Number(ready.id) + 2,
      Number(ready.id) + 3,
    ]);
    await resumed.close();
  });
});
