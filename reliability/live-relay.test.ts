import { bearer } from '@todo/harness/accounts';
import { type Balancer, startBalancer } from '@todo/harness/balancer';
import { readEvents, type ServerSentEvent } from '@todo/harness/event-stream';
import type { NodeService } from '@todo/harness/node-service';
import { startApi, startWeb } from '@todo/harness/services';
import { ACCOUNT_TEST_ENV, accountIdOf, type Session, signUp } from '@todo/harness/sessions';
import { createTestDatabase, type TestDatabase } from '@todo/harness/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from './support/figures.js';

// The web's relay of the change feed (/events), as browsers reach it: two api processes and two
// web processes on one database, the first web in front of a Service stand-in (the balancer)
// over the api processes. Who may follow which account, every kind of change passed on, a
// stream cut for five seconds resumed on either web process, the api under a stream shut down,
// and a web process shut down with streams open.

let db: TestDatabase;
let apis: NodeService[] = [];
let service: Balancer;
let webs: NodeService[] = [];
let alice: { session: Session; id: string };
let bob: { session: Session; id: string };

async function newAccount(webUrl: string) {
  const session = await signUp(webUrl);
  return { session, id: await accountIdOf(db.url, session.email) };
}

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'todo_relay' });
  apis = await Promise.all([startApi({ databaseUrl: db.url }), startApi({ databaseUrl: db.url })]);
  service = await startBalancer([apis[0]?.url ?? '']);
  const web = (apiUrl: string) => startWeb({ apiUrl, databaseUrl: db.url, env: ACCOUNT_TEST_ENV });
  webs = await Promise.all([web(service.url), web(apis[1]?.url ?? '')]);
  alice = await newAccount(webs[0]?.url ?? '');
  bob = await newAccount(webs[1]?.url ?? '');
});

afterAll(async () => {
  await Promise.all(webs.map((web) => web.stop()));
  await service?.stop();
  await Promise.all(apis.map((api) => api.stop()));
  await db?.drop();
});

const webUrl = (index: number) => webs[index]?.url ?? '';
const apiUrl = (index: number) => apis[index]?.url ?? '';

async function follow(url: string, session: Session | null, lastEventId?: string) {
  const response = await fetch(`${url}/events`, {
    headers: {
      accept: 'text/event-stream',
      ...(session ? { cookie: session.cookie } : {}),
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  return readEvents(response);
}

/** A write of `account` straight to an api process, as web would make it; its JSON answer. */
async function write(api: string, account: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(await bearer(account)),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
  return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
}

const kindOf = (event: { data: string }) => (JSON.parse(event.data) as { kind: string }).kind;

describe("the web's relay of the change feed", () => {
  it('refuses anyone not signed in, a forged account header and a malformed position', async () => {
    const refused = async (headers: Record<string, string>, path = '/events') => {
      const response = await fetch(`${webUrl(0)}${path}`, { headers });
      await response.body?.cancel();
      return response.status;
    };
    expect(await refused({})).toBe(401);
    expect(await refused({ 'x-todo-account': `0000 ${alice.id} x%40example.test` })).toBe(401);
    const cookie = alice.session.cookie;
    expect(await refused({ cookie, 'last-event-id': 'abc' })).toBe(400);
    expect(await refused({ cookie, 'last-event-id': '1'.repeat(16) })).toBe(400);
    expect(await refused({ cookie }, '/events?after=-1')).toBe(400);

    // A session signed out on one web process is refused a stream on the other.
    const leaving = await newAccount(webUrl(0));
    const signOut = await fetch(`${webUrl(0)}/auth/sign-out`, {
      method: 'POST',
      headers: {
        cookie: leaving.session.cookie,
        origin: webUrl(0),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
      redirect: 'manual',
    });
    expect(signOut.status).toBe(303);
    await expect
      .poll(() => refused({ cookie: leaving.session.cookie }, '/events'), { timeout: 5000 })
      .toBe(401);
  });

  it("passes on every kind of change, in order, and nothing of another account's", async () => {
    const tab = await follow(webUrl(0), alice.session);
    const otherWeb = await follow(webUrl(1), alice.session);
    const stranger = await follow(webUrl(0), bob.session);
    for (const stream of [tab, otherWeb, stranger])
      expect((await stream.next()).event).toBe('ready');

    const api = apiUrl(1);
    const created = await write(api, alice.id, 'POST', '/v1/tasks', { title: 'relayed' });
    const id = created?.id as number;
    await write(api, alice.id, 'PATCH', `/v1/tasks/${id}`, { title: 'renamed' });
    await write(api, alice.id, 'PATCH', `/v1/tasks/${id}`, { status: 'completed' });
    await write(api, alice.id, 'PATCH', '/v1/tasks', { status: 'ongoing' });
    await write(api, alice.id, 'DELETE', `/v1/tasks/${id}`);
    await write(api, alice.id, 'POST', `/v1/tasks/${id}/restore`);
    await write(api, alice.id, 'PATCH', '/v1/tasks', { status: 'completed' });
    const cleared = await write(api, alice.id, 'DELETE', '/v1/tasks?status=completed');
    await write(api, alice.id, 'POST', '/v1/tasks/restore', { batch: cleared?.batch });
    const kinds = [
      'task.created',
      'task.updated',
      'task.updated',
      'tasks.marked',
      'task.deleted',
      'tasks.restored',
      'tasks.marked',
      'tasks.cleared',
      'tasks.restored',
    ];
    for (const stream of [tab, otherWeb]) {
      const seen: ServerSentEvent[] = [];
      for (const _ of kinds) seen.push(await stream.next(3000));
      expect(seen.map(kindOf)).toEqual(kinds);
      expect(seen.map((event) => Number(event.id))).toEqual(
        [...seen.keys()].map((index) => Number(seen[0]?.id) + index),
      );
    }
    await expect(stranger.next(1500)).rejects.toThrow('no event');
    await Promise.all([tab.close(), otherWeb.close(), stranger.close()]);
  });

  it('resumes a stream cut for five seconds from its last event, on either web process', async () => {
    const tab = await follow(webUrl(0), alice.session);
    await tab.next(); // ready
    await write(apiUrl(1), alice.id, 'POST', '/v1/tasks', { title: 'before the cut' });
    const last = await tab.next(3000);
    await tab.close();
    const titles = ['while away 1', 'while away 2', 'while away 3'];
    for (const title of titles) await write(apiUrl(0), alice.id, 'POST', '/v1/tasks', { title });
    await new Promise((resolve) => setTimeout(resolve, 5000));

    for (const web of [webUrl(0), webUrl(1)]) {
      const resumed = await follow(web, alice.session, last.id);
      const missed = [await resumed.next(3000), await resumed.next(3000), await resumed.next(3000)];
      expect(missed.map((event) => JSON.parse(event.data).task.title)).toEqual(titles);
      expect(missed[0]?.id).toBe(String(Number(last.id) + 1));
      await resumed.close();
    }
  });

  it('keeps a stream going while the api process under it shuts down, nothing missed', async () => {
    const spare = await startApi({ databaseUrl: db.url });
    apis.push(spare);
    const carrying = apis[0] as NodeService;
    const tab = await follow(webUrl(0), alice.session);
    await tab.next(); // ready
    await write(spare.url, alice.id, 'POST', '/v1/tasks', { title: 'before the shutdown' });
    await tab.next(3000);

    // Kubernetes takes the terminating pod out of the Service, then sends it SIGTERM.
    service.setTargets([spare.url]);
    const started = performance.now();
    expect(await carrying.stop()).toBe(0);
    const stoppedMs = performance.now() - started;
    const titles = ['during 1', 'during 2', 'during 3'];
    for (const title of titles) await write(spare.url, alice.id, 'POST', '/v1/tasks', { title });
    const after = [await tab.next(5000), await tab.next(5000), await tab.next(5000)];
    expect(after.map((event) => JSON.parse(event.data).task.title)).toEqual(titles);
    reportFigures('relay across an api shutdown', { apiStoppedMs: Math.round(stoppedMs) });
    await tab.close();
  });

  it('ends its streams at once on SIGTERM; the tab resumes on the other web process', async () => {
    const leaving = await startWeb({
      apiUrl: apiUrl(1),
      databaseUrl: db.url,
      env: ACCOUNT_TEST_ENV,
    });
    const tab = await follow(leaving.url, alice.session);
    const ready = await tab.next();
    const started = performance.now();
    const exit = leaving.stop();
    expect(await tab.ended(5000)).toBe(true);
    const endedMs = performance.now() - started;
    await exit;
    const exitMs = performance.now() - started;
    await write(apiUrl(1), alice.id, 'POST', '/v1/tasks', { title: 'after the web left' });
    const resumed = await follow(webUrl(1), alice.session, ready.id);
    expect(JSON.parse((await resumed.next(3000)).data).task.title).toBe('after the web left');
    await resumed.close();
    reportFigures('web shutdown with a stream open', {
      streamEndedMs: Math.round(endedMs),
      exitedMs: Math.round(exitMs),
    });
  });
});
