import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_TASK_ID } from '../src/limits.js';
import { PROBLEM_TYPES } from '../src/problem-types.js';
import { expectProblem, useTaskApi } from './support/task-api.js';
import { buildApp } from './support/test-app.js';

const t = useTaskApi({ emptyEachTest: true });

describe('the rest of the surface', () => {
  it('answers unknown routes and methods with a 404 problem, never HTML', async () => {
    await expectProblem(await t.api.send('GET', '/nope'), 404);
    await expectProblem(await t.api.send('GET', '/v2/tasks'), 404);
    await expectProblem(await t.api.send('PUT', '/v1/tasks/1', { title: 'x' }), 404);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect(await (await t.api.send('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.api.send('GET', '/readyz')).status).toBe(200);
    await t.api.send('GET', '/v1/tasks');
    const metrics = await (await t.api.send('GET', '/metrics')).text();
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/tasks",status="200"\} \d+/,
    );
    expect(metrics).toMatch(/db_pool_connections\{pool="reads"\} \d+/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);

    const doc = (await (await t.api.send('GET', '/openapi.json')).json()) as {
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

  it('documents idempotency keys, the problem types, and every bound it enforces', async () => {
    type Operation = {
      parameters?: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
      responses: Record<string, { description: string }>;
      requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
    };
    type Doc = {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    const doc = (await (await t.api.send('GET', '/openapi.json')).json()) as Doc;
    const writes: Array<[string, string]> = [
      ['/v1/tasks', 'post'],
      ['/v1/tasks', 'patch'],
      ['/v1/tasks', 'delete'],
      ['/v1/tasks/{id}', 'patch'],
      ['/v1/tasks/{id}', 'delete'],
    ];
    for (const [path, method] of writes) {
      const operation = doc.paths[path]?.[method] as Operation;
      const header = operation.parameters?.find((parameter) => parameter.in === 'header');
      expect(header?.name.toLowerCase(), `${method} ${path}`).toBe('idempotency-key');
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['409', '422', '503']),
      );
      const unavailable = operation.responses['503']?.description ?? '';
      for (const type of [
        PROBLEM_TYPES.notWritten,
        PROBLEM_TYPES.outcomeUnknown,
        PROBLEM_TYPES.busy,
      ]) {
        expect(unavailable).toContain(type);
      }
    }
    const read = doc.paths['/v1/tasks/{id}']?.get as Operation;
    expect(read.parameters?.find((parameter) => parameter.name === 'id')?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: MAX_TASK_ID,
    });
    const list = doc.paths['/v1/tasks']?.get as Operation;
    expect(list.parameters?.find((parameter) => parameter.name === 'limit')?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_PAGE_SIZE,
    });
    expect(doc.components.schemas.UpdateTask).toMatchObject({ minProperties: 1 });
  });

  it('readiness turns 503 while shutting down', async () => {
    const local = buildApp(t.database);
    local.lifecycle.beginShutdown();
    await expectProblem(await local.send('GET', '/readyz'), 503);
    const response = await local.send('GET', '/healthz');
    expect(response.headers.get('connection')).toBe('close');
  });

  it('logs one line per request with the caller request id, route and status', async () => {
    const local = buildApp(t.database);
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
