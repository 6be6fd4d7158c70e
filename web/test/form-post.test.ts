// @vitest-environment node
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loopbackOrigin } from '@/lib/forms/loopback';
import { decodeUndoCookie } from '@/lib/undo/offer-cookie';

// A form posted without JavaScript, through the form route's code, over real sockets: a
// stand-in api (answering as the real one does when a write succeeds, is not made, or is not
// confirmed) and a stand-in page server on the address the route fetches its own page from.
// The real page and api are the e2e suites' business (e2e/exactly-once.e2e.ts).

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let apiAnswer: Handler;
let pageAnswer: Handler;
const apiRequests: Array<{ method?: string; key?: string | string[] }> = [];
const apiTokens: Array<string | undefined> = [];
const servers: Server[] = [];
let formPost: typeof import('@/lib/forms/form-post');
let flash: typeof import('@/lib/forms/flash');
let accountApi: ReturnType<typeof import('@/lib/api/tasks')['accountTasks']>;

async function listen(handler: () => Handler): Promise<number> {
  const server = createServer((request, response) => handler()(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return (server.address() as { port: number }).port;
}

const problem = (response: ServerResponse, status: number, type: string) => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type, title: 'x', status, detail: 'x' }));
};

beforeAll(async () => {
  const apiPort = await listen(() => apiAnswer);
  const pagePort = await listen(() => pageAnswer);
  process.env.API_URL = `http://127.0.0.1:${apiPort}`;
  process.env.API_TIMEOUT_MS = '500';
  process.env.PORT = String(pagePort);
  process.env.HOSTNAME = '127.0.0.1';
  const keyFile = join(mkdtempSync(join(tmpdir(), 'web-test-')), 'api-token-key');
  writeFileSync(keyFile, 'form-post-test-key-0123456789abcdefgh\n');
  process.env.API_TOKEN_KEY_FILE = keyFile;
  accountApi = (await import('@/lib/api/tasks')).accountTasks('account-a');
  formPost = await import('@/lib/forms/form-post');
  flash = await import('@/lib/forms/flash');
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

beforeEach(() => {
  apiRequests.length = 0;
  apiTokens.length = 0;
  apiAnswer = (request, response) => {
    apiRequests.push({ method: request.method, key: request.headers['idempotency-key'] });
    apiTokens.push(request.headers.authorization);
    request.resume();
    request.on('end', () => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end('{"id":1,"title":"x","status":"ongoing","createdAt":"","updatedAt":""}');
    });
  };
  // The page as TodoPage renders it: the held flash named by the request's header.
  pageAnswer = (request, response) => {
    const held = flash.heldFlash(request.headers[flash.FLASH_HEADER] as string);
    response.writeHead(held ? 200 : 500, {
      'content-type': 'text/html',
      'content-security-policy': "script-src 'nonce-abc'",
    });
    response.end(`<p>${request.url}</p><p>${JSON.stringify(held ?? null)}</p>`);
  };
});

const KEY = 'pageRenderingKey-01234567';

function post(command: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams(fields);
  const request = new Request(`http://todo.test/forms/${command}`, { method: 'POST', body });
  return formPost.answerFormPost(request, command, accountApi, 'account-a');
}

describe('a form posted without JavaScript', () => {
  it('is answered 303 to the list it came from once the change is made', async () => {
    const answer = await post('add', {
      title: 'Buy milk',
      formKey: KEY,
      returnTo: '/active?limit=20',
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/active?limit=20');
    expect(apiRequests).toEqual([{ method: 'POST', key: expect.stringMatching(/^[\w-]{43}$/) }]);
    // As the signed-in account: the api is told whose list this is.
    const token = apiTokens[0]?.replace(/^Bearer /, '') ?? '';
    expect(decodeJwt(token)).toMatchObject({ sub: 'account-a', aud: 'todo-api' });
  });

  it('returns only to a list of this app', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example', '/elsewhere', '']) {
      const answer = await post('add', { title: 'x', formKey: KEY, returnTo });
      expect(answer.headers.get('location')).toBe('/');
    }
  });

  it('answers a refused title with its page, 400, the message, the typed text and the same key', async () => {
    const answer = await post('add', { title: '   ', formKey: KEY, returnTo: '/completed' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-security-policy')).toBe("script-src 'nonce-abc'");
    const page = await answer.text();
    expect(page).toContain('<p>/completed</p>');
    const shown = JSON.parse(page.split('<p>')[2]?.replace('</p>', '') ?? 'null');
    expect(shown).toMatchObject({
      command: 'add',
      formKey: KEY,
      state: { status: 'error', message: 'Enter a title.', title: '   ' },
    });
    expect(apiRequests).toEqual([]);
    // The flash was held only while the page was fetched.
    expect(flash.heldFlash(null)).toBeUndefined();
  });

  it('answers 503 with Retry-After when the change was not made, and reopens a failed rename', async () => {
    apiAnswer = (_request, response) => problem(response, 503, '/problems/not-written');
    const answer = await post('rename', { id: '7', title: 'New', formKey: KEY, returnTo: '/' });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    const page = await answer.text();
    expect(page).toContain('<p>/?edit=7</p>');
    expect(page).toContain('Nothing was changed');
  });

  it('says "not confirmed" when the api could not say, after trying the same key again', async () => {
    apiAnswer = (request, response) => {
      apiRequests.push({ method: request.method, key: request.headers['idempotency-key'] });
      problem(response, 503, '/problems/outcome-unknown');
    };
    const answer = await post('change', { complete: '7', formKey: KEY, returnTo: '/' });
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('"status":"unconfirmed"');
    expect(apiRequests).toHaveLength(2);
    expect(apiRequests[0]?.key).toBe(apiRequests[1]?.key);
  });

  it.each([
    ['a task gone', 404, 404],
    ['an idempotency key reused', 422, 422],
  ])('answers %s with %i', async (_case, apiStatus, pageStatus) => {
    apiAnswer = (_request, response) =>
      problem(
        response,
        apiStatus,
        apiStatus === 422 ? '/problems/idempotency-key-reused' : 'about:blank',
      );
    const answer = await post('change', { complete: '7', formKey: KEY, returnTo: '/' });
    expect(answer.status).toBe(pageStatus);
  });

  it('falls back to a page of its own, with the form to send again, when its page fails', async () => {
    pageAnswer = (_request, response) => {
      response.writeHead(500);
      response.end();
    };
    apiAnswer = (_request, response) => problem(response, 503, '/problems/not-written');
    const answer = await post('add', {
      title: '<b>"milk"</b>',
      formKey: KEY,
      returnTo: '/active',
      smuggled: '<script>',
    });
    expect(answer.status).toBe(503);
    const csp = answer.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const page = await answer.text();
    expect(page).toContain(`<style nonce="${nonce}">`);
    expect(page).toContain('Nothing was changed');
    expect(page).toContain('action="/forms/add"');
    expect(page).toContain('value="&#60;b&#62;&#34;milk&#34;&#60;/b&#62;"');
    expect(page).toContain(`name="formKey" value="${KEY}"`);
    expect(page).toContain('href="/active"');
    expect(page).not.toContain('smuggled');
    expect(page).not.toContain('<script>');
  });

  it('refuses a body that is not a form, and an unknown command', async () => {
    const request = new Request('http://todo.test/forms/add', {
      method: 'POST',
      body: '{"title":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect((await formPost.answerFormPost(request, 'add', accountApi, 'account-a')).status).toBe(
      400,
    );
    expect((await post('drop-table', { formKey: KEY })).status).toBe(404);
    expect(apiRequests).toEqual([]);
  });
});

describe('the undo offer a form leaves for the next page', () => {
  // The 303 also carries the focus hint's cookie (focus-cookie.ts): only the offer's is read.
  const undoSetCookie = (answer: Response) =>
    answer.headers.getSetCookie().find((line) => line.startsWith('todo.undo=')) ?? null;
  const undoCookie = (answer: Response) =>
    (undoSetCookie(answer) ?? '').split(';')[0]?.replace('todo.undo=', '');

  it('a delete made sets it on the 303, with the title read before the delete', async () => {
    apiAnswer = (request, response) => {
      apiRequests.push({ method: request.method, key: request.headers['idempotency-key'] });
      request.resume();
      if (request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          '{"id":7,"title":"Buy milk","status":"ongoing","createdAt":"","updatedAt":""}',
        );
      } else {
        response.writeHead(204);
        response.end();
      }
    };
    const answer = await post('change', { delete: '7', formKey: KEY, returnTo: '/' });
    expect(answer.status).toBe(303);
    expect(apiRequests.map((request) => request.method)).toEqual(['GET', 'DELETE']);
    expect(undoSetCookie(answer)).toMatch(
      /^todo\.undo=[\w-]+; Path=\/; Max-Age=60; HttpOnly; SameSite=Lax$/,
    );
    expect(decodeUndoCookie(undoCookie(answer), 'account-a')).toEqual({
      kind: 'delete',
      id: 7,
      title: 'Buy milk',
    });
    expect(decodeUndoCookie(undoCookie(answer), 'account-b')).toBeNull();
  });

  it('the next change made clears it, and says nothing of a cookie that is not there', async () => {
    const withOffer = new Request('http://todo.test/forms/add', {
      method: 'POST',
      body: new URLSearchParams({ title: 'x', formKey: KEY, returnTo: '/' }),
      headers: { cookie: 'other=1; todo.undo=abc' },
    });
    const answer = await formPost.answerFormPost(withOffer, 'add', accountApi, 'account-a');
    expect(answer.status).toBe(303);
    expect(undoSetCookie(answer)).toBe('todo.undo=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
    expect(undoSetCookie(await post('add', { title: 'x', formKey: KEY }))).toBeNull();
  });

  it('an undo that can no longer be made answers 404 with the message, and ends the offer', async () => {
    apiAnswer = (_request, response) => problem(response, 404, 'about:blank');
    const request = new Request('http://todo.test/forms/undo-delete', {
      method: 'POST',
      body: new URLSearchParams({ id: '7', formKey: KEY, returnTo: '/active' }),
      headers: { cookie: 'todo.undo=abc' },
    });
    const answer = await formPost.answerFormPost(request, 'undo-delete', accountApi, 'account-a');
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain('That can no longer be undone.');
    expect(undoSetCookie(answer)).toContain('Max-Age=0');
  });
});

describe('the flash', () => {
  it('is found by its token while held, and never by anything else', () => {
    const held = flash.holdFlash({ command: 'add', state: { status: 'idle' }, formKey: KEY });
    expect(held.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(flash.heldFlash(held.token)?.formKey).toBe(KEY);
    for (const token of [
      null,
      undefined,
      '',
      'guess',
      `${held.token}x`,
      held.token.toLowerCase(),
    ]) {
      if (token === held.token) continue;
      expect(flash.heldFlash(token)).toBeUndefined();
    }
    held.release();
    expect(flash.heldFlash(held.token)).toBeUndefined();
  });
});

describe('the loopback address', () => {
  it('is where Next listens, a wildcard bind reached over 127.0.0.1', () => {
    expect(loopbackOrigin({})).toBe('http://127.0.0.1:3000');
    expect(loopbackOrigin({ PORT: '8080', HOSTNAME: '0.0.0.0' })).toBe('http://127.0.0.1:8080');
    expect(loopbackOrigin({ PORT: '8080', HOSTNAME: '::' })).toBe('http://127.0.0.1:8080');
    expect(loopbackOrigin({ PORT: '8080', HOSTNAME: '10.1.2.3' })).toBe('http://10.1.2.3:8080');
    expect(loopbackOrigin({ PORT: '8080', HOSTNAME: 'fd00::5' })).toBe('http://[fd00::5]:8080');
  });
});
