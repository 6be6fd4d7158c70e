import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { buildApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let testDb: TestDatabase;
let database: Database;
let api: ReturnType<typeof buildApp>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = testDb.open();
  api = buildApp(database);
});
afterAll(() => testDb.drop());
beforeEach(async () => {
  await testDb.query('DELETE FROM Todo');
  await testDb.query('UPDATE TodoCounter SET ongoing = 0, completed = 0');
});

type Task = { id: number; title: string; status: string; createdAt: string; updatedAt: string };
type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; in: string; message: string }>;
};

async function create(title: string): Promise<Task> {
  const response = await api.send('POST', '/v1/tasks', { title });
  expect(response.status).toBe(201);
  return (await response.json()) as Task;
}

async function expectProblem(response: Response, status: number, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ type: 'about:blank', status });
  expect(problem.detail).toEqual(expect.any(String));
  expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
  if (field) expect(problem.errors?.map((error) => error.field)).toContain(field);
  return problem;
}

async function storedTitles(): Promise<string[]> {
  const rows = await testDb.query<Array<{ task: string } & import('mysql2').RowDataPacket>>(
    'SELECT task FROM Todo ORDER BY task_id',
  );
  return rows.map((row) => row.task);
}

describe('POST /v1/tasks', () => {
  it('creates a task with a trimmed title, 201 and a Location', async () => {
    const response = await api.send('POST', '/v1/tasks', { title: '  Buy milk \n' });
    expect(response.status).toBe(201);
    const task = (await response.json()) as Task;
    expect(response.headers.get('location')).toBe(`/v1/tasks/${task.id}`);
    expect(task).toMatchObject({ title: 'Buy milk', status: 'ongoing' });
    expect(new Date(task.createdAt).toISOString()).toBe(task.createdAt);
    expect(Math.abs(Date.parse(task.createdAt) - Date.now())).toBeLessThan(60_000);
    expect(await storedTitles()).toEqual(['Buy milk']);
  });

  it('round-trips emoji and any Unicode byte for byte', async () => {
    const titles = ['Grüße 🌍👩🏽‍💻', '日本語のタスク', 'עברית ومرحبا', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏳️‍🌈'];
    for (const title of titles) {
      const task = await create(title);
      const read = await api.send('GET', `/v1/tasks/${task.id}`);
      expect(((await read.json()) as Task).title).toBe(title);
    }
    const stored = await storedTitles();
    expect(stored.map((title) => Buffer.from(title).toString('hex'))).toEqual(
      titles.map((title) => Buffer.from(title).toString('hex')),
    );
  });

  it('stores SQL-injection strings verbatim and leaves the table intact', async () => {
    const payloads = [
      "'); DROP TABLE Todo; --",
      "x' OR '1'='1",
      "completed' WHERE 1=1; UPDATE Todo SET status='completed",
      '`Todo`; DELETE FROM TodoCounter; #',
      '\\\\"; SELECT SLEEP(5); --',
    ];
    for (const title of payloads) await create(title);
    expect(await storedTitles()).toEqual(payloads);
    const list = (await (await api.send('GET', '/v1/tasks')).json()) as {
      counts: { all: number };
    };
    expect(list.counts.all).toBe(payloads.length);
  });

  it('counts the 255-character limit in Unicode characters, as MySQL does', async () => {
    const emoji255 = '😀'.repeat(255);
    expect((await create(emoji255)).title).toBe(emoji255);
    await expectProblem(
      await api.send('POST', '/v1/tasks', { title: 'a'.repeat(256) }),
      400,
      'title',
    );
    await expectProblem(
      await api.send('POST', '/v1/tasks', { title: '😀'.repeat(256) }),
      400,
      'title',
    );
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: '   \t ' }, 'title'],
    [{ title: 42 }, 'title'],
    [{ title: null }, 'title'],
    [{}, 'title'],
    [{ title: 'a\u0000b' }, 'title'],
    [{ title: 'bell\u0007' }, 'title'],
    [{ title: 'lone \ud800 surrogate' }, 'title'],
    [[], 'body'],
    ['"just a string"', 'body'],
  ])('refuses %j with a 400 naming %s, storing nothing', async (body, field) => {
    await expectProblem(await api.send('POST', '/v1/tasks', body), 400, field);
    expect(await storedTitles()).toEqual([]);
  });

  it('answers 400 for malformed JSON and invalid UTF-8', async () => {
    await expectProblem(await api.send('POST', '/v1/tasks', '{"title": "x"'), 400, 'body');
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const response = await api.app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: invalidUtf8,
    });
    await expectProblem(response, 400, 'body');
    expect(await storedTitles()).toEqual([]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await api.send('POST', '/v1/tasks', undefined, {
      'content-type': 'text/plain',
    });
    await expectProblem(response, 415, 'content-type');
    const form = await api.app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    });
    await expectProblem(form, 415);
  });

  it('answers 413 over 16 KiB, declared or streamed', async () => {
    const big = JSON.stringify({ title: 'x', padding: 'y'.repeat(17 * 1024) });
    await expectProblem(await api.send('POST', '/v1/tasks', big), 413, 'body');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        controller.close();
      },
    });
    const chunked = await api.app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(chunked, 413);
    expect(await storedTitles()).toEqual([]);
  });
});

describe('GET, PATCH and DELETE /v1/tasks/{id}', () => {
  it('reads, renames, completes and deletes a task', async () => {
    const task = await create('Write tests');
    expect(await (await api.send('GET', `/v1/tasks/${task.id}`)).json()).toEqual(task);

    const renamed = await api.send('PATCH', `/v1/tasks/${task.id}`, {
      title: ' Write more tests ',
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ title: 'Write more tests', status: 'ongoing' });

    const done = await api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' });
    const doneTask = (await done.json()) as Task;
    expect(doneTask.status).toBe('completed');
    expect(Date.parse(doneTask.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));

    const both = await api.send('PATCH', `/v1/tasks/${task.id}`, {
      title: 'Both',
      status: 'ongoing',
    });
    expect(await both.json()).toMatchObject({ title: 'Both', status: 'ongoing' });

    const deleted = await api.send('DELETE', `/v1/tasks/${task.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    await expectProblem(await api.send('GET', `/v1/tasks/${task.id}`), 404);
    await expectProblem(await api.send('DELETE', `/v1/tasks/${task.id}`), 404);
    await expectProblem(await api.send('PATCH', `/v1/tasks/${task.id}`, { title: 'x' }), 404);
  });

  it.each(['0', '-1', 'abc', '1.5', '1e3', '2147483648', '99999999999999999999', '%20'])(
    'refuses the id %s with a 400 naming id',
    async (id) => {
      await expectProblem(await api.send('GET', `/v1/tasks/${id}`), 400, 'id');
      await expectProblem(await api.send('DELETE', `/v1/tasks/${id}`), 400, 'id');
      await expectProblem(await api.send('PATCH', `/v1/tasks/${id}`, { title: 'x' }), 400, 'id');
    },
  );

  it('refuses an empty or invalid patch', async () => {
    const task = await create('Patch me');
    await expectProblem(await api.send('PATCH', `/v1/tasks/${task.id}`, {}), 400);
    await expectProblem(
      await api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'done' }),
      400,
      'status',
    );
    await expectProblem(
      await api.send('PATCH', `/v1/tasks/${task.id}`, { title: '' }),
      400,
      'title',
    );
    expect(await (await api.send('GET', `/v1/tasks/${task.id}`)).json()).toEqual(task);
  });
});

describe('GET /v1/tasks', () => {
  type Page = {
    items: Task[];
    nextCursor: string | null;
    counts: { all: number; ongoing: number; completed: number };
  };
  const list = async (query = '') => {
    const response = await api.send('GET', `/v1/tasks${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  it('lists oldest first with counts, filters by status and pages by cursor', async () => {
    const tasks = [];
    for (let i = 1; i <= 7; i++) tasks.push(await create(`Task ${i}`));
    for (const task of tasks.filter((_, index) => index % 2 === 0)) {
      await api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' });
    }
    const all = await list();
    expect(all.items.map((task) => task.title)).toEqual(tasks.map((task) => task.title));
    expect(all.counts).toEqual({ all: 7, ongoing: 3, completed: 4 });
    expect(all.nextCursor).toBeNull();

    const completed = await list('?status=completed');
    expect(completed.items.map((task) => task.title)).toEqual([
      'Task 1',
      'Task 3',
      'Task 5',
      'Task 7',
    ]);
    expect(completed.counts).toEqual(all.counts);

    const first = await list('?status=ongoing&limit=2');
    expect(first.items.map((task) => task.title)).toEqual(['Task 2', 'Task 4']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`?status=ongoing&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((task) => task.title)).toEqual(['Task 6']);
    expect(second.nextCursor).toBeNull();
  });

  it('defaults to 50 per page and accepts up to 200', async () => {
    await testDb
      .query(`INSERT INTO Todo (task) SELECT CONCAT('Bulk ', seq) FROM seq_1_to_250`)
      .catch(async () => {
        // MySQL has no sequence engine: insert in batches instead.
        const values = Array.from({ length: 250 }, (_, i) => `('Bulk ${i + 1}')`).join(',');
        await testDb.query(`INSERT INTO Todo (task) VALUES ${values}`);
      });
    expect((await list()).items).toHaveLength(50);
    expect((await list('?limit=200')).items).toHaveLength(200);
    expect((await list('?limit=1')).items).toHaveLength(1);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?limit=-5', 'limit'],
    ['?limit=ten', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?status=done', 'status'],
    ['?status=', 'status'],
    ['?cursor=not-a-cursor', 'cursor'],
    [`?cursor=${'A'.repeat(101)}`, 'cursor'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    await expectProblem(await api.send('GET', `/v1/tasks${query}`), 400, field);
  });

  it('refuses a tampered cursor and one made for another filter', async () => {
    for (let i = 0; i < 3; i++) await create(`Page ${i}`);
    const { nextCursor } = await list('?limit=1');
    expect(nextCursor).toEqual(expect.any(String));
    const cursor = nextCursor as string;
    const decoded = Buffer.from(cursor, 'base64url').toString();
    const tampered = Buffer.from(decoded.replace(/\.(\d+)\./, '.9$1.')).toString('base64url');
    await expectProblem(await api.send('GET', `/v1/tasks?cursor=${tampered}`), 400, 'cursor');
    const flipped = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'B' : 'A') + cursor.slice(-1);
    await expectProblem(await api.send('GET', `/v1/tasks?cursor=${flipped}`), 400, 'cursor');
    await expectProblem(
      await api.send('GET', `/v1/tasks?status=completed&cursor=${cursor}`),
      400,
      'cursor',
    );
  });
});

describe('PATCH /v1/tasks and DELETE /v1/tasks?status=completed', () => {
  it('marks all, then clears the completed ones', async () => {
    for (let i = 0; i < 4; i++) await create(`Bulk ${i}`);
    const marked = await api.send('PATCH', '/v1/tasks', { status: 'completed' });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual({ updated: 4 });
    expect(await (await api.send('PATCH', '/v1/tasks', { status: 'completed' })).json()).toEqual({
      updated: 0,
    });
    const one = (await create('Still to do')).id;
    const cleared = await api.send('DELETE', '/v1/tasks?status=completed');
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toEqual({ deleted: 4 });
    const page = (await (await api.send('GET', '/v1/tasks')).json()) as {
      items: Task[];
      counts: unknown;
    };
    expect(page.items.map((task) => task.id)).toEqual([one]);
    expect(page.counts).toEqual({ all: 1, ongoing: 1, completed: 0 });
  });

  it('refuses a bad mark-all body and a clear without status=completed', async () => {
    await create('Keep me');
    await expectProblem(await api.send('PATCH', '/v1/tasks', { status: 'all' }), 400, 'status');
    await expectProblem(await api.send('PATCH', '/v1/tasks', {}), 400, 'status');
    await expectProblem(await api.send('DELETE', '/v1/tasks'), 400, 'status');
    await expectProblem(await api.send('DELETE', '/v1/tasks?status=ongoing'), 400, 'status');
    expect(await storedTitles()).toEqual(['Keep me']);
  });
});

describe('the rest of the surface', () => {
  it('answers unknown routes and methods with a 404 problem, never HTML', async () => {
    await expectProblem(await api.send('GET', '/nope'), 404);
    await expectProblem(await api.send('GET', '/v2/tasks'), 404);
    await expectProblem(await api.send('PUT', '/v1/tasks/1', { title: 'x' }), 404);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect(await (await api.send('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await api.send('GET', '/readyz')).status).toBe(200);
    await api.send('GET', '/v1/tasks');
    const metrics = await (await api.send('GET', '/metrics')).text();
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/tasks",status="200"\} \d+/,
    );
    expect(metrics).toMatch(/db_pool_connections\{pool="primary"\} \d+/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);

    const doc = (await (await api.send('GET', '/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/v1/tasks'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'patch',
      'post',
    ]);
    expect(Object.keys(doc.paths['/v1/tasks/{id}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    expect(doc.paths['/readyz']).toBeDefined();
  });

  it('readiness turns 503 while shutting down', async () => {
    const local = buildApp(database);
    local.lifecycle.beginShutdown();
    await expectProblem(await local.send('GET', '/readyz'), 503);
    const response = await local.send('GET', '/healthz');
    expect(response.headers.get('connection')).toBe('close');
  });

  it('logs one line per request with the caller request id, route and status', async () => {
    const local = buildApp(database);
    const response = await local.send('GET', '/v1/tasks/12345', undefined, {
      'x-request-id': 'trace-abc.123',
    });
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(local.lines).toHaveLength(1);
    expect(local.lines[0]).toMatchObject({
      requestId: 'trace-abc.123',
      method: 'GET',
      route: '/v1/tasks/:id',
      status: 404,
      durationMs: expect.any(Number),
    });
    const forged = await local.send('GET', '/healthz', undefined, {
      'x-request-id': 'a b<script>',
    });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
