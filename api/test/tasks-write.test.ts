import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT, tokenFor } from './support/accounts.js';
import { expectProblem, type Task, useTaskApi } from './support/task-api.js';

const t = useTaskApi({ emptyEachTest: true });
const bearer = async () => ({ authorization: `Bearer ${await tokenFor(TEST_ACCOUNT)}` });

describe('POST /v1/tasks', () => {
  it('creates a task with a trimmed title, 201 and a Location', async () => {
    const response = await t.api.send('POST', '/v1/tasks', { title: '  Buy milk \n' });
    expect(response.status).toBe(201);
    const task = (await response.json()) as Task;
    expect(response.headers.get('location')).toBe(`/v1/tasks/${task.id}`);
    expect(task).toMatchObject({ title: 'Buy milk', status: 'ongoing' });
    expect(new Date(task.createdAt).toISOString()).toBe(task.createdAt);
    expect(Math.abs(Date.parse(task.createdAt) - Date.now())).toBeLessThan(60_000);
    expect(await t.storedTitles()).toEqual(['Buy milk']);
  });

  it('round-trips emoji and any Unicode byte for byte', async () => {
    const titles = ['Grüße 🌍👩🏽‍💻', '日本語のタスク', 'עברית ومرحبا', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏳️‍🌈'];
    for (const title of titles) {
      const task = await t.create(title);
      const read = await t.api.send('GET', `/v1/tasks/${task.id}`);
      expect(((await read.json()) as Task).title).toBe(title);
    }
    const stored = await t.storedTitles();
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
    for (const title of payloads) await t.create(title);
    expect(await t.storedTitles()).toEqual(payloads);
    const list = (await (await t.api.send('GET', '/v1/tasks')).json()) as {
      counts: { all: number };
    };
    expect(list.counts.all).toBe(payloads.length);
  });

  it('counts the 255-character limit in Unicode characters, as MySQL does', async () => {
    const emoji255 = '😀'.repeat(255);
    expect((await t.create(emoji255)).title).toBe(emoji255);
    await expectProblem(
      await t.api.send('POST', '/v1/tasks', { title: 'a'.repeat(256) }),
      400,
      'title',
    );
    await expectProblem(
      await t.api.send('POST', '/v1/tasks', { title: '😀'.repeat(256) }),
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
    await expectProblem(await t.api.send('POST', '/v1/tasks', body), 400, field);
    expect(await t.storedTitles()).toEqual([]);
  });

  it('refuses a title with nothing visible in it, and keeps every visible one byte for byte', async () => {
    const invisible = [
      '\u200B',
      '\u200C\u200D',
      '\u2060',
      '\u3164',
      '\u2800',
      '\u00AD',
      '\u180E',
      '\u200B \u2060\u00AD',
      '\uFE0F',
      '\u034F',
      '\u202E',
      '\u{E0041}\u{E0042}',
      '\u3000\u115F\u1160\uFFA0',
    ];
    for (const title of invisible) {
      const answer = await t.api.send('POST', '/v1/tasks', { title });
      const problem = await expectProblem(answer, 400, 'title');
      expect(problem.errors?.[0]?.message).toBe('must contain at least one visible character');
    }
    expect(await t.storedTitles()).toEqual([]);
    const visible = ['abc\u202Etxt.exe', 'שלום', 'a\u200Bb', '👍🏽', '\u2800x', 'ㅤhangulㅤ'];
    for (const title of visible) expect((await t.create(title)).title).toBe(title);
    expect(await t.storedTitles()).toEqual(visible);
  });

  it('answers 400 for malformed JSON and invalid UTF-8', async () => {
    await expectProblem(await t.api.send('POST', '/v1/tasks', '{"title": "x"'), 400, 'body');
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const response = await t.api.app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: invalidUtf8,
    });
    await expectProblem(response, 400, 'body');
    expect(await t.storedTitles()).toEqual([]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await t.api.send('POST', '/v1/tasks', undefined, {
      'content-type': 'text/plain',
    });
    await expectProblem(response, 415, 'content-type');
    const form = await t.api.app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(await bearer()) },
      body: 'title=x',
    });
    await expectProblem(form, 415);
  });

  it('answers 413 over 16 KiB, declared or streamed', async () => {
    const big = JSON.stringify({ title: 'x', padding: 'y'.repeat(17 * 1024) });
    await expectProblem(await t.api.send('POST', '/v1/tasks', big), 413, 'body');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        controller.close();
      },
    });
    const chunked = await t.api.app.request('/v1/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(chunked, 413);
    expect(await t.storedTitles()).toEqual([]);
  });
});

describe('GET, PATCH and DELETE /v1/tasks/{id}', () => {
  it('reads, renames, completes and deletes a task', async () => {
    const task = await t.create('Write tests');
    expect(await (await t.api.send('GET', `/v1/tasks/${task.id}`)).json()).toEqual(task);

    const renamed = await t.api.send('PATCH', `/v1/tasks/${task.id}`, {
      title: ' Write more tests ',
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ title: 'Write more tests', status: 'ongoing' });

    const done = await t.api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' });
    const doneTask = (await done.json()) as Task;
    expect(doneTask.status).toBe('completed');
    expect(Date.parse(doneTask.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));

    const both = await t.api.send('PATCH', `/v1/tasks/${task.id}`, {
      title: 'Both',
      status: 'ongoing',
    });
    expect(await both.json()).toMatchObject({ title: 'Both', status: 'ongoing' });

    const deleted = await t.api.send('DELETE', `/v1/tasks/${task.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    await expectProblem(await t.api.send('GET', `/v1/tasks/${task.id}`), 404);
    await expectProblem(await t.api.send('DELETE', `/v1/tasks/${task.id}`), 404);
    await expectProblem(await t.api.send('PATCH', `/v1/tasks/${task.id}`, { title: 'x' }), 404);
  });

  it.each(['0', '-1', 'abc', '1.5', '1e3', '2147483648', '99999999999999999999', '%20'])(
    'refuses the id %s with a 400 naming id',
    async (id) => {
      await expectProblem(await t.api.send('GET', `/v1/tasks/${id}`), 400, 'id');
      await expectProblem(await t.api.send('DELETE', `/v1/tasks/${id}`), 400, 'id');
      await expectProblem(await t.api.send('PATCH', `/v1/tasks/${id}`, { title: 'x' }), 400, 'id');
    },
  );

  it('refuses an empty or invalid patch', async () => {
    const task = await t.create('Patch me');
    await expectProblem(await t.api.send('PATCH', `/v1/tasks/${task.id}`, {}), 400);
    await expectProblem(
      await t.api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'done' }),
      400,
      'status',
    );
    await expectProblem(
      await t.api.send('PATCH', `/v1/tasks/${task.id}`, { title: '' }),
      400,
      'title',
    );
    expect(await (await t.api.send('GET', `/v1/tasks/${task.id}`)).json()).toEqual(task);
  });
});

describe('PATCH /v1/tasks and DELETE /v1/tasks?status=completed', () => {
  it('marks all, then clears the completed ones', async () => {
    for (let i = 0; i < 4; i++) await t.create(`Bulk ${i}`);
    const marked = await t.api.send('PATCH', '/v1/tasks', { status: 'completed' });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual({ updated: 4 });
    expect(await (await t.api.send('PATCH', '/v1/tasks', { status: 'completed' })).json()).toEqual({
      updated: 0,
    });
    const one = (await t.create('Still to do')).id;
    const cleared = await t.api.send('DELETE', '/v1/tasks?status=completed');
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toEqual({
      deleted: 4,
      batch: expect.stringMatching(/^[\w-]{16}$/),
    });
    const page = (await (await t.api.send('GET', '/v1/tasks')).json()) as {
      items: Task[];
      counts: unknown;
    };
    expect(page.items.map((task) => task.id)).toEqual([one]);
    expect(page.counts).toEqual({ all: 1, ongoing: 1, completed: 0 });
  });

  it('refuses a bad mark-all body and a clear without status=completed', async () => {
    await t.create('Keep me');
    await expectProblem(await t.api.send('PATCH', '/v1/tasks', { status: 'all' }), 400, 'status');
    await expectProblem(await t.api.send('PATCH', '/v1/tasks', {}), 400, 'status');
    await expectProblem(await t.api.send('DELETE', '/v1/tasks'), 400, 'status');
    await expectProblem(await t.api.send('DELETE', '/v1/tasks?status=ongoing'), 400, 'status');
    expect(await t.storedTitles()).toEqual(['Keep me']);
  });
});
