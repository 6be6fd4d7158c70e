// @vitest-environment node
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The typed api client over a real socket, against a stand-in server that misbehaves the ways
// a real api can: too slow, a refusal with a problem body, a missing task, a refused token.

const TOKEN_KEY = 'api-client-test-key-0123456789abcdef';

let server: Server;
let tasks: ReturnType<typeof import('@/lib/api/tasks')['accountTasks']>;
let tokens: typeof import('@/lib/api/account-token');
let readiness: typeof import('@/lib/api/readiness');
let readinessProbes = 0;
const authorizations: Array<string | undefined> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    if (request.url === '/v1/tasks/200') {
      // Something that is not the api: a 200 with a body of no use.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"items": [ not json');
      return;
    }
    if (request.url?.includes('limit=7') || request.url === '/v1/tasks/401') {
      response.writeHead(401, { 'content-type': 'application/problem+json' });
      response.end('{"type":"about:blank","title":"Unauthorized","status":401,"detail":"x"}');
      return;
    }
    if (request.url === '/readyz') {
      readinessProbes++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"ok"}');
      return;
    }
    if (request.url?.startsWith('/v1/tasks?')) return; // never answers
    if (request.method === 'POST') {
      response.writeHead(400, { 'content-type': 'application/problem+json' });
      response.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'Invalid request',
          errors: [{ field: 'title', in: 'body', message: 'must not be empty' }],
        }),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/problem+json' });
    response.end('{"type":"about:blank","title":"Not Found","status":404,"detail":"gone"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  process.env.API_URL = `http://127.0.0.1:${port}`;
  process.env.API_TIMEOUT_MS = '200';
  const keyFile = join(mkdtempSync(join(tmpdir(), 'web-test-')), 'api-token-key');
  writeFileSync(keyFile, `${TOKEN_KEY}\nan-older-key-still-accepted-by-the-api-0123\n`);
  process.env.API_TOKEN_KEY_FILE = keyFile;
  tasks = (await import('@/lib/api/tasks')).accountTasks('account-a');
  tokens = await import('@/lib/api/account-token');
  readiness = await import('@/lib/api/readiness');
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('the api client', () => {
  it('gives up after API_TIMEOUT_MS and reports the api unavailable', async () => {
    const result = await tasks.listTasks({ limit: 10 });
    expect(result).toMatchObject({ ok: false, kind: 'unavailable' });
  });

  it('turns a problem response into a message naming the field', async () => {
    const result = await tasks.createTask('key-1', 'x');
    expect(result).toEqual({
      ok: false,
      kind: 'rejected',
      message: 'The task service refused this: title must not be empty.',
    });
  });

  it('cannot tell whether a change was made when a success it did not expect answers', async () => {
    const result = await tasks.updateTask('key-5', 200, { status: 'completed' });
    expect(result).toMatchObject({ ok: false, kind: 'unconfirmed' });
  });

  it('reports a missing task as not found', async () => {
    const result = await tasks.updateTask('key-2', 7, { status: 'completed' });
    expect(result).toMatchObject({ ok: false, kind: 'not-found' });
  });
});

describe('the token of every call', () => {
  it('names the account, for the api, from this app, for a minute, signed with the first key', async () => {
    authorizations.length = 0;
    await tasks.updateTask('key-3', 7, { status: 'completed' });
    const [header] = authorizations;
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
    const { payload, protectedHeader } = await jwtVerify(
      token,
      new TextEncoder().encode(TOKEN_KEY),
      { algorithms: ['HS256'], audience: 'todo-api', issuer: 'todo-web' },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.sub).toBe('account-a');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
  });

  it('is made once per account for 30 seconds, then anew', async () => {
    const key = new TextEncoder().encode(TOKEN_KEY);
    const first = await tokens.accountToken('account-t', key, 1_000_000);
    expect(await tokens.accountToken('account-t', key, 1_029_000)).toBe(first);
    expect(await tokens.accountToken('account-u', key, 1_029_000)).not.toBe(first);
    expect(await tokens.accountToken('account-t', key, 1_031_001)).not.toBe(first);
  });

  it('refused by the api (keys that differ) reads as the api away and a write as not made', async () => {
    expect(await tasks.listTasks({ limit: 7 })).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(await tasks.updateTask('key-4', 401, { status: 'completed' })).toMatchObject({
      ok: false,
      kind: 'not-written',
      message: expect.stringContaining('Nothing was changed'),
    });
  });
});

describe('the web configuration', () => {
  it('names the variable that is wrong', async () => {
    const { parseConfig } = await import('@/lib/config');
    expect(() => parseConfig({ API_URL: 'ftp://api' })).toThrow(/^invalid API_URL/);
    expect(() => parseConfig({ API_TIMEOUT_MS: 'soon' })).toThrow(/^invalid API_TIMEOUT_MS/);
    expect(parseConfig({})).toEqual({
      apiUrl: 'http://127.0.0.1:4000',
      apiTimeoutMs: 3000,
      trustProxyHeaders: false,
    });
  });
});

describe('api readiness', () => {
  it('trusts a ready api for a while, until a call to it fails', async () => {
    const probesBefore = readinessProbes;
    expect(await readiness.apiIsReady()).toBe(true);
    expect(await readiness.apiIsReady()).toBe(true);
    expect(readinessProbes - probesBefore).toBe(1);

    // The list call never gets an answer: the next page must ask the api again, not render
    // against an api that just failed.
    expect(await tasks.listTasks({ limit: 10 })).toMatchObject({ kind: 'unavailable' });
    expect(await readiness.apiIsReady()).toBe(true);
    expect(readinessProbes - probesBefore).toBe(2);
  });
});
