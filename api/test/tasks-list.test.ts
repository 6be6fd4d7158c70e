import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from './support/accounts.js';
import { expectProblem, type Task, useTaskApi } from './support/task-api.js';

const t = useTaskApi({ emptyEachTest: true });

describe('GET /v1/tasks', () => {
  type Page = {
    items: Task[];
    nextCursor: string | null;
    counts: { all: number; ongoing: number; completed: number };
  };
  const list = async (query = '') => {
    const response = await t.api.send('GET', `/v1/tasks${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  it('lists oldest first with counts, filters by status and pages by cursor', async () => {
    const tasks = [];
    for (let i = 1; i <= 7; i++) tasks.push(await t.create(`Task ${i}`));
    for (const task of tasks.filter((_, index) => index % 2 === 0)) {
      await t.api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' });
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

  it('pages forward and back with the position of each page, per filter', async () => {
    for (let index = 1; index <= 7; index++) await t.create(`P${index}`);
    type Paged = {
      items: Task[];
      nextCursor: string | null;
      prevCursor: string | null;
      position: number;
    };
    const get = async (query: string) =>
      (await (await t.api.send('GET', `/v1/tasks${query}`)).json()) as Paged;
    const titles = (page: Paged) => page.items.map((task) => task.title);

    const first = await get('?limit=3');
    expect([titles(first), first.position, first.prevCursor]).toEqual([
      ['P1', 'P2', 'P3'],
      0,
      null,
    ]);
    const second = await get(`?limit=3&cursor=${first.nextCursor}`);
    expect([titles(second), second.position]).toEqual([['P4', 'P5', 'P6'], 3]);
    const third = await get(`?limit=3&cursor=${second.nextCursor}`);
    expect([titles(third), third.position, third.nextCursor]).toEqual([['P7'], 6, null]);

    const backToSecond = await get(`?limit=3&cursor=${third.prevCursor}`);
    expect([titles(backToSecond), backToSecond.position]).toEqual([['P4', 'P5', 'P6'], 3]);
    const backToFirst = await get(`?limit=3&cursor=${backToSecond.prevCursor}`);
    expect([titles(backToFirst), backToFirst.position, backToFirst.prevCursor]).toEqual([
      ['P1', 'P2', 'P3'],
      0,
      null,
    ]);
    expect(backToFirst.nextCursor).toEqual(expect.any(String));

    // A cursor back from one filter is refused under another.
    await expectProblem(
      await t.api.send('GET', `/v1/tasks?status=ongoing&limit=3&cursor=${third.prevCursor}`),
      400,
      'cursor',
    );
  });

  it('opens the last page by ?page=last, exactly placed, per filter', async () => {
    for (let index = 1; index <= 7; index++) await t.create(`P${index}`);
    type Paged = Page & { prevCursor: string | null; position: number };
    const get = async (query: string) =>
      (await (await t.api.send('GET', `/v1/tasks${query}`)).json()) as Paged;
    const titles = (page: Paged) => page.items.map((task) => task.title);

    const last = await get('?limit=3&page=last');
    expect([titles(last), last.position, last.nextCursor]).toEqual([['P5', 'P6', 'P7'], 4, null]);
    const before = await get(`?limit=3&cursor=${last.prevCursor}`);
    expect([titles(before), before.position]).toEqual([['P2', 'P3', 'P4'], 1]);
    // A list that fits one page: its last page is its first.
    const whole = await get('?limit=10&page=last');
    expect([titles(whole).length, whole.position, whole.prevCursor, whole.nextCursor]).toEqual([
      7,
      0,
      null,
      null,
    ]);
    const completed = await get('?status=completed&page=last');
    expect([titles(completed), completed.position, completed.nextCursor]).toEqual([[], 0, null]);
    await expectProblem(
      await t.api.send('GET', `/v1/tasks?page=last&cursor=${last.prevCursor}`),
      400,
      'page',
    );
    await expectProblem(await t.api.send('GET', '/v1/tasks?page=first'), 400, 'page');
  });

  it('defaults to 50 per page and accepts up to 200', async () => {
    const values = Array.from({ length: 250 }, (_, i) => `('Bulk ${i + 1}', ?)`).join(',');
    await t.testDb.query(
      `INSERT INTO Todo (task, owner_id) VALUES ${values}`,
      Array.from({ length: 250 }, () => TEST_ACCOUNT),
    );
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
    await expectProblem(await t.api.send('GET', `/v1/tasks${query}`), 400, field);
  });

  it('refuses a tampered cursor and one made for another filter', async () => {
    for (let i = 0; i < 3; i++) await t.create(`Page ${i}`);
    const { nextCursor } = await list('?limit=1');
    expect(nextCursor).toEqual(expect.any(String));
    const cursor = nextCursor as string;
    const decoded = Buffer.from(cursor, 'base64url').toString();
    const tampered = Buffer.from(decoded.replace(/\.(\d+)\./, '.9$1.')).toString('base64url');
    await expectProblem(await t.api.send('GET', `/v1/tasks?cursor=${tampered}`), 400, 'cursor');
    const flipped = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'B' : 'A') + cursor.slice(-1);
    await expectProblem(await t.api.send('GET', `/v1/tasks?cursor=${flipped}`), 400, 'cursor');
    await expectProblem(
      await t.api.send('GET', `/v1/tasks?status=completed&cursor=${cursor}`),
      400,
      'cursor',
    );
  });
});
