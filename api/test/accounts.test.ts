import { SignJWT, UnsecuredJWT } from 'jose';
import type { RowDataPacket } from 'mysql2';
import { describe, expect, it } from 'vitest';
import { REPLAY_HEADER } from '../src/problem-types.js';
import { TEST_ACCOUNT, TEST_TOKEN_KEY, tokenFor } from './support/accounts.js';
import { expectProblem, type Task, useTaskApi } from './support/task-api.js';

const t = useTaskApi({ emptyEachTest: true });
const A = TEST_ACCOUNT;
const B = 'account-b';
const key = (text: string) => new TextEncoder().encode(text);

type Page = { items: Task[]; nextCursor: string | null; counts: Record<string, number> };

async function listOf(account: string, query = ''): Promise<Page> {
  const response = await t.api.send('GET', `/v1/tasks${query}`, undefined, {}, account);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

async function createAs(account: string, title: string): Promise<Task> {
  const response = await t.api.send('POST', '/v1/tasks', { title }, {}, account);
  expect(response.status).toBe(201);
  return (await response.json()) as Task;
}

const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) =>
  build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }));
const valid = (jwt: SignJWT) =>
  jwt
    .setSubject(A)
    .setAudience('todo-api')
    .setIssuer('todo-web')
    .setIssuedAt()
    .setExpirationTime('60s');

async function forgedTokens(): Promise<Array<[string, string | null]>> {
  const now = Math.floor(Date.now() / 1000);
  const [header, payload] = (await tokenFor(A)).split('.');
  return [
    ['no Authorization header', null],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['not a JWT', 'Bearer not-a-token'],
    ['a JWT cut short', `Bearer ${header}.${payload}`],
    [
      'another key',
      `Bearer ${await valid(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).sign(key('x'.repeat(40)))}`,
    ],
    [
      'alg none',
      `Bearer ${new UnsecuredJWT({}).setSubject(A).setAudience('todo-api').setIssuer('todo-web').setIssuedAt().setExpirationTime('60s').encode()}`,
    ],
    [
      'HS512',
      `Bearer ${await valid(new SignJWT({}).setProtectedHeader({ alg: 'HS512' })).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'expired',
      `Bearer ${await sign({}, (jwt) =>
        jwt
          .setSubject(A)
          .setAudience('todo-api')
          .setIssuer('todo-web')
          .setIssuedAt(now - 120)
          .setExpirationTime(now - 60),
      ).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'another audience',
      `Bearer ${await sign({}, (jwt) => jwt.setSubject(A).setAudience('other-api').setIssuer('todo-web').setIssuedAt().setExpirationTime('60s')).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'another issuer',
      `Bearer ${await sign({}, (jwt) => jwt.setSubject(A).setAudience('todo-api').setIssuer('evil').setIssuedAt().setExpirationTime('60s')).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'valid for an hour',
      `Bearer ${await sign({}, (jwt) => jwt.setSubject(A).setAudience('todo-api').setIssuer('todo-web').setIssuedAt().setExpirationTime('1h')).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'no expiry',
      `Bearer ${await sign({}, (jwt) => jwt.setSubject(A).setAudience('todo-api').setIssuer('todo-web').setIssuedAt()).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'no account',
      `Bearer ${await sign({}, (jwt) => jwt.setAudience('todo-api').setIssuer('todo-web').setIssuedAt().setExpirationTime('60s')).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'an account id that is not one',
      `Bearer ${await sign({}, (jwt) => jwt.setSubject("a' OR 1=1").setAudience('todo-api').setIssuer('todo-web').setIssuedAt().setExpirationTime('60s')).sign(key(TEST_TOKEN_KEY))}`,
    ],
    [
      'issued in the future',
      `Bearer ${await sign({}, (jwt) =>
        jwt
          .setSubject(A)
          .setAudience('todo-api')
          .setIssuer('todo-web')
          .setIssuedAt(now + 3600)
          .setExpirationTime(now + 3660),
      ).sign(key(TEST_TOKEN_KEY))}`,
    ],
  ];
}

describe('the bearer token', () => {
  it('is required on every /v1 route: each forged or broken one is a 401 and changes nothing', async () => {
    const task = await createAs(A, 'Mine');
    const routes: Array<[string, string, unknown]> = [
      ['GET', '/v1/tasks', undefined],
      ['POST', '/v1/tasks', { title: 'Forged' }],
      ['GET', `/v1/tasks/${task.id}`, undefined],
      ['PATCH', `/v1/tasks/${task.id}`, { title: 'Forged' }],
      ['DELETE', `/v1/tasks/${task.id}`, undefined],
      ['PATCH', '/v1/tasks', { status: 'completed' }],
      ['DELETE', '/v1/tasks?status=ongoing', undefined],
      ['POST', '/v1/account', undefined],
    ];
    for (const [name, authorization] of await forgedTokens()) {
      for (const [method, path, body] of routes) {
        const headers: Record<string, string> = authorization === null ? {} : { authorization };
        const answer = await t.api.send(method, path, body, headers, null);
        const problem = await expectProblem(answer, 401);
        expect(problem.detail, `${name}: ${method} ${path}`).toMatch(/^Not authenticated: /);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="todo-api"/);
      }
    }
    expect(await t.storedTitles()).toEqual(['Mine']);
    // Probes, metrics and the API description stay open.
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      expect((await t.api.send('GET', path, undefined, {}, null)).status).toBe(200);
    }
  });
});

describe('one account per request', () => {
  it("answers another account's task ids with 404, changing nothing", async () => {
    await t.addAccount(B);
    const mine = await createAs(A, 'A1');
    const theirs = await createAs(B, 'B1');
    const asA = (method: string, path: string, body?: unknown) =>
      t.api.send(method, path, body, {}, A);

    await expectProblem(await asA('GET', `/v1/tasks/${theirs.id}`), 404);
    await expectProblem(await asA('PATCH', `/v1/tasks/${theirs.id}`, { title: 'Hijacked' }), 404);
    await expectProblem(await asA('PATCH', `/v1/tasks/${theirs.id}`, { status: 'completed' }), 404);
    await expectProblem(await asA('DELETE', `/v1/tasks/${theirs.id}`), 404);
    // The 404 says no more than for an id that does not exist at all.
    type Body = { detail: string };
    const missing = (await (await asA('GET', '/v1/tasks/2000000000')).json()) as Body;
    const foreign = (await (await asA('GET', `/v1/tasks/${theirs.id}`)).json()) as Body;
    expect(Object.keys(foreign)).toEqual(Object.keys(missing));
    expect(foreign.detail).toBe(`Task ${theirs.id} does not exist`);

    const rows = await t.testDb.query<RowDataPacket[]>(
      'SELECT task_id, task, status, owner_id FROM Todo ORDER BY task_id',
    );
    expect(rows.map((row) => [row.task_id, row.task, row.status, row.owner_id])).toEqual([
      [mine.id, 'A1', 'ongoing', A],
      [theirs.id, 'B1', 'ongoing', B],
    ]);
  });

  it('keeps lists, counts, mark-all and clear-completed to the calling account', async () => {
    await t.addAccount(B);
    for (const title of ['A1', 'A2', 'A3']) await createAs(A, title);
    for (const title of ['B1', 'B2']) await createAs(B, title);

    expect((await listOf(A)).items.map((task) => task.title)).toEqual(['A1', 'A2', 'A3']);
    expect((await listOf(B)).counts).toEqual({ all: 2, ongoing: 2, completed: 0 });

    const marked = await t.api.send('PATCH', '/v1/tasks', { status: 'completed' }, {}, A);
    expect(await marked.json()).toEqual({ updated: 3 });
    expect((await listOf(B)).counts).toEqual({ all: 2, ongoing: 2, completed: 0 });

    await t.api.send('PATCH', '/v1/tasks', { status: 'completed' }, {}, B);
    const cleared = await t.api.send('DELETE', '/v1/tasks?status=completed', undefined, {}, A);
    expect(await cleared.json()).toEqual({
      deleted: 3,
      batch: expect.stringMatching(/^[\w-]{16}$/),
    });
    expect((await listOf(A)).counts).toEqual({ all: 0, ongoing: 0, completed: 0 });
    expect((await listOf(B)).items.map((task) => [task.title, task.status])).toEqual([
      ['B1', 'completed'],
      ['B2', 'completed'],
    ]);
  });

  it('keeps idempotency keys per account', async () => {
    await t.addAccount(B);
    const same = { 'idempotency-key': 'shared-key' };
    const a = await t.api.send('POST', '/v1/tasks', { title: 'Same' }, same, A);
    const b = await t.api.send('POST', '/v1/tasks', { title: 'Same' }, same, B);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get(REPLAY_HEADER)).toBeNull();
    expect(((await b.json()) as Task).id).not.toBe(((await a.json()) as Task).id);
    expect(await t.storedTitles()).toEqual(['Same', 'Same']);
  });

  it("refuses another account's cursor", async () => {
    await t.addAccount(B);
    for (let i = 0; i < 3; i++) await createAs(A, `A${i}`);
    const page = await listOf(A, '?limit=1');
    expect(page.nextCursor).toEqual(expect.any(String));
    const stolen = await t.api.send(
      'GET',
      `/v1/tasks?limit=1&cursor=${page.nextCursor}`,
      undefined,
      {},
      B,
    );
    await expectProblem(stolen, 400, 'cursor');
  });

  it('deletes tasks, counts and keys with the account', async () => {
    await t.addAccount(B);
    await t.api.send('POST', '/v1/tasks', { title: 'Gone' }, { 'idempotency-key': 'k' }, B);
    await createAs(A, 'Stays');
    await t.testDb.query('DELETE FROM AuthUser WHERE id = ?', [B]);
    const count = async (table: string) =>
      Number(
        (
          await t.testDb.query<RowDataPacket[]>(
            `SELECT COUNT(*) AS n FROM ${table} WHERE owner_id = ?`,
            [B],
          )
        )[0]?.n,
      );
    expect([
      await count('Todo'),
      await count('TodoCounter'),
      await count('IdempotencyKey'),
    ]).toEqual([0, 0, 0]);
    expect(await t.storedTitles()).toEqual(['Stays']);
  });

  it('keeps pages and counts right per account under 50 concurrent writers of two accounts', async () => {
    await t.addAccount(B);
    const writers = Array.from({ length: 50 }, async (_, writer) => {
      const account = writer % 2 === 0 ? A : B;
      const task = await createAs(account, `${account} ${writer}`);
      if (writer % 3 === 0) {
        await t.api.send('PATCH', `/v1/tasks/${task.id}`, { status: 'completed' }, {}, account);
      }
      if (writer % 5 === 0)
        await t.api.send('DELETE', `/v1/tasks/${task.id}`, undefined, {}, account);
    });
    await Promise.all(writers);
    for (const account of [A, B]) {
      const rows = await t.testDb.query<RowDataPacket[]>(
        'SELECT task_id, status FROM Todo WHERE owner_id = ? ORDER BY task_id',
        [account],
      );
      const seen: number[] = [];
      let cursor: string | null = null;
      let counts: Record<string, number> = {};
      do {
        const page: Page = await listOf(account, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((task) => task.id));
        counts = page.counts;
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(rows.map((row) => row.task_id));
      const completed = rows.filter((row) => row.status === 'completed').length;
      expect(counts).toEqual({ all: rows.length, ongoing: rows.length - completed, completed });
    }
  });
});
