// @vitest-environment node
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The typed api client over a real socket, against a stand-in server that misbehaves the ways
// a real api can: too slow, a refusal with a problem body, a missing task.

let server: Server;
let tasks: typeof import('@/lib/api/tasks');
let readiness: typeof import('@/lib/api/readiness');
let readinessProbes = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
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
  tasks = await import('@/lib/api/tasks');
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

  it('reports a missing task as not found', async () => {
    const result = await tasks.updateTask('key-2', 7, { status: 'completed' });
    expect(result).toMatchObject({ ok: false, kind: 'not-found' });
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
