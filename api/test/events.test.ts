import { readEvents, type ServerSentEvent } from '@todo/harness/event-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Deadline } from '../src/db/deadline.js';
import { feedPurge, trashPurge } from '../src/maintenance/purges.js';
import { TEST_ACCOUNT } from './support/accounts.js';
import { expectProblem, type Task, useTaskApi } from './support/task-api.js';
import { buildApp } from './support/test-app.js';

const t = useTaskApi({ emptyEachTest: true });
const B = 'account-b';
const streams: Array<ReturnType<typeof readEvents>> = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
});

async function open(account = TEST_ACCOUNT, lastEventId?: number, api = t.api) {
  const headers: Record<string, string> =
    lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) };
  const response = await api.send('GET', '/v1/events', undefined, headers, account);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const stream = readEvents(response);
  streams.push(stream);
  return stream;
}

type Change = { seq: number; kind: string; task?: Task; [field: string]: unknown };

const change = (event: ServerSentEvent): Change => ({
  ...(JSON.parse(event.data) as { kind: string }),
  seq: Number(event.id),
});

async function send(method: string, path: string, body?: unknown, account = TEST_ACCOUNT) {
  const response = await t.api.send(method, path, body, {}, account);
  expect(response.status).toBeLessThan(300);
  return response.status === 204 ? null : await response.json();
}

describe('GET /v1/events', () => {
  it('needs a token', async () => {
    await expectProblem(await t.api.send('GET', '/v1/events', undefined, {}, null), 401);
  });

  it("sends every kind of write once, in order, numbered in the account's sequence", async () => {
    const stream = await open();
    const ready = await stream.next();
    expect(ready.event).toBe('ready');
    const start = Number(ready.id);

    const milk = (await send('POST', '/v1/tasks', { title: 'Milk' })) as Task;
    const bread = (await send('POST', '/v1/tasks', { title: 'Bread' })) as Task;
    await send('PATCH', `/v1/tasks/${milk.id}`, { title: 'Oat milk' });
    await send('PATCH', `/v1/tasks/${milk.id}`, { status: 'completed' });
    await send('DELETE', `/v1/tasks/${bread.id}`);
    await send('POST', `/v1/tasks/${bread.id}/restore`);
    await send('PATCH', '/v1/tasks', { status: 'completed' });
    const cleared = (await send('DELETE', '/v1/tasks?status=completed')) as { batch: string };
    await send('POST', '/v1/tasks/restore', { batch: cleared.batch });

    const events = [];
    for (let index = 0; index < 9; index++) events.push(change(await stream.next()));
    expect(events.map((event) => event.seq)).toEqual(
      Array.from({ length: 9 }, (_, index) => start + 1 + index),
    );
    expect(events.map((event) => event.kind)).toEqual([
      'task.created',
      'task.created',
      'task.updated',
      'task.updated',
      'task.deleted',
      'tasks.restored',
      'tasks.marked',
      'tasks.cleared',
      'tasks.restored',
    ]);
    expect(events[0]).toMatchObject({
      task: { id: milk.id, title: 'Milk', status: 'ongoing' },
      delta: { ongoing: 1, completed: 0 },
    });
    expect(events[2]).toMatchObject({
      task: { title: 'Oat milk' },
      delta: { ongoing: 0, completed: 0 },
    });
    expect(events[3]).toMatchObject({ delta: { ongoing: -1, completed: 1 } });
    expect(events[4]).toMatchObject({ id: bread.id, delta: { ongoing: -1, completed: 0 } });
    expect(events[5]).toMatchObject({ tasks: [{ id: bread.id, title: 'Bread' }] });
    expect(events[6]).toMatchObject({ status: 'completed', changed: 1 });
    expect(events[7]).toMatchObject({
      ids: [milk.id, bread.id],
      delta: { ongoing: 0, completed: -2 },
    });
    expect(events[8]).toMatchObject({ delta: { ongoing: 0, completed: 2 } });
  });

  it("shows an account none of another account's changes", async () => {
    await t.addAccount(B);
    const theirs = await open(B);
    await theirs.next(); // ready
    await send('POST', '/v1/tasks', { title: 'Mine only' });
    await send('POST', '/v1/tasks', { title: 'Theirs' }, B);
    const event = change(await theirs.next());
    expect(event).toMatchObject({ kind: 'task.created', task: { title: 'Theirs' } });
    await expect(theirs.next(400)).rejects.toThrow(/no event/);
  });

  it('resumes after Last-Event-ID with what was missed, and says reload when it is gone', async () => {
    const first = await open();
    const seq = Number((await first.next()).id);
    await first.close();
    for (const title of ['One', 'Two', 'Three']) await send('POST', '/v1/tasks', { title });

    const resumed = await open(TEST_ACCOUNT, seq);
    const missed = [
      change(await resumed.next()),
      change(await resumed.next()),
      change(await resumed.next()),
    ];
    expect(missed.map((event) => [event.seq, event.task?.title])).toEqual([
      [seq + 1, 'One'],
      [seq + 2, 'Two'],
      [seq + 3, 'Three'],
    ]);

    // Past the feed's retention the first two are purged: a client from before then reloads.
    await t.testDb.query(
      'UPDATE TaskEvent SET created_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 HOUR WHERE seq <= ?',
      [seq + 2],
    );
    await t.database.transaction(new Deadline(5000), (tx) => feedPurge.run(tx, 100));
    const late = await open(TEST_ACCOUNT, seq);
    const reload = await late.next();
    expect(reload.event).toBe('reload');
    expect(Number(reload.id)).toBe(seq + 3);
  });

  it('keeps one account’s sequence whole under 20 concurrent writes', async () => {
    const stream = await open();
    const start = Number((await stream.next()).id);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => send('POST', '/v1/tasks', { title: `W${index}` })),
    );
    const ids: number[] = [];
    for (let index = 0; index < 20; index++) ids.push(Number((await stream.next()).id));
    expect(ids).toEqual(Array.from({ length: 20 }, (_, index) => start + 1 + index));
  });

  it('numbers a page with the last event its counts include', async () => {
    const stream = await open();
    await stream.next();
    await send('POST', '/v1/tasks', { title: 'Counted' });
    const last = Number((await stream.next()).id);
    const page = (await send('GET', '/v1/tasks')) as { seq: number; counts: { all: number } };
    expect(page).toMatchObject({ seq: last, counts: { all: 1 } });
  });

  it('records nothing for a write that did not happen', async () => {
    const stream = await open();
    await stream.next();
    const missing = await t.api.send('PATCH', '/v1/tasks/2000000000', { title: 'x' });
    expect(missing.status).toBe(404);
    await send('POST', '/v1/tasks', { title: 'After' });
    expect(change(await stream.next())).toMatchObject({ kind: 'task.created' });
  });

  it('ends its streams when the process begins to shut down', async () => {
    const local = buildApp(t.database);
    const stream = await open(TEST_ACCOUNT, undefined, local);
    await stream.next();
    local.lifecycle.beginShutdown();
    expect(await stream.ended()).toBe(true);
  });
});

describe('undo', () => {
  it('puts a deleted task back with its id, title, status and times; counts follow', async () => {
    const task = (await send('POST', '/v1/tasks', { title: 'Keep me' })) as Task;
    const done = (await send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' })) as Task;
    await send('DELETE', `/v1/tasks/${task.id}`);
    const list = (await send('GET', '/v1/tasks')) as { items: Task[]; counts: unknown };
    expect(list.items).toEqual([]);
    expect(list.counts).toEqual({ all: 0, ongoing: 0, completed: 0 });

    const restored = await send('POST', `/v1/tasks/${task.id}/restore`);
    expect(restored).toEqual(done);
    const after = (await send('GET', '/v1/tasks')) as { items: Task[]; counts: unknown };
    expect(after.items).toEqual([done]);
    expect(after.counts).toEqual({ all: 1, ongoing: 0, completed: 1 });
    // Once back, there is nothing left to restore.
    await expectProblem(await t.api.send('POST', `/v1/tasks/${task.id}/restore`), 404);
  });

  it('puts a whole clear back, and nothing of another account or after the window', async () => {
    await t.addAccount(B);
    const ids: number[] = [];
    for (const title of ['A', 'B', 'C'])
      ids.push(((await send('POST', '/v1/tasks', { title })) as Task).id);
    await send('PATCH', '/v1/tasks', { status: 'completed' });
    const cleared = (await send('DELETE', '/v1/tasks?status=completed')) as { batch: string };

    const stolen = await t.api.send('POST', '/v1/tasks/restore', { batch: cleared.batch }, {}, B);
    expect(await stolen.json()).toEqual({ restored: 0, items: [] });
    await expectProblem(
      await t.api.send('POST', `/v1/tasks/${ids[0]}/restore`, undefined, {}, B),
      404,
    );

    const back = (await send('POST', '/v1/tasks/restore', { batch: cleared.batch })) as {
      restored: number;
      items: Task[];
    };
    expect(back.restored).toBe(3);
    expect(back.items.map((task) => task.id)).toEqual(ids);
    expect(await t.storedTitles()).toEqual(['A', 'B', 'C']);

    await send('DELETE', `/v1/tasks/${ids[0]}`);
    await t.testDb.query('UPDATE TodoTrash SET deleted_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 DAY');
    expect(await t.database.transaction(new Deadline(5000), (tx) => trashPurge.run(tx, 100))).toBe(
      1,
    );
    await expectProblem(await t.api.send('POST', `/v1/tasks/${ids[0]}/restore`), 404);
  });

  it('refuses a batch that is not one', async () => {
    for (const batch of ['', 'short', "x' OR 1=1 --aaaa", 'a'.repeat(17)]) {
      await expectProblem(await t.api.send('POST', '/v1/tasks/restore', { batch }), 400, 'batch');
    }
  });
});
