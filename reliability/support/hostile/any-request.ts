import fc from 'fast-check';
import { type HostileRequest, JSON_TYPE } from './hostile-request.js';
import { NON_JSON_TYPES } from './payloads.js';
import { titleText } from './titles.js';

const anyPath = fc.oneof(
  fc.constantFrom(
    '/v1/tasks',
    '/v1/tasks/{id}',
    '/healthz',
    '/readyz',
    '/openapi.json',
    '/',
    '/v1',
    '/v1/tasks/',
    '/v2/tasks',
    '/v1/tasks/{id}/extra',
    '//v1/tasks',
    '/v1/./tasks',
    '/v1/tasks%2F1',
  ),
  fc.webPath(),
);

/** Anything at all: only the general rules (no 5xx, problems, no mutation on refusal) hold. */
export const anything = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: anyPath,
    query: fc.option(fc.string({ maxLength: 30 }).map(encodeURIComponent), { nil: undefined }),
    contentType: fc.option(
      fc.constantFrom(JSON_TYPE, ...NON_JSON_TYPES, 'application/json; charset=utf-16'),
      {
        nil: undefined,
      },
    ),
    body: fc.option(
      fc.oneof(
        fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
        fc.uint8Array({ maxLength: 64 }),
        titleText.map((title) => JSON.stringify({ title, status: title })),
      ),
      { nil: undefined },
    ),
    requestId: fc.option(fc.string({ unit: 'binary-ascii', maxLength: 200 }), { nil: undefined }),
  })
  .map(
    (parts): HostileRequest => ({
      label: 'anything',
      method: parts.method,
      path: `${parts.path}${parts.query === undefined ? '' : `?${parts.query}`}`,
      id: { kind: 'existing' },
      ...(parts.contentType ? { contentType: parts.contentType } : {}),
      ...(parts.body !== undefined && parts.method !== 'GET' && parts.method !== 'HEAD'
        ? { body: parts.body }
        : {}),
      ...(parts.requestId !== undefined
        ? { headers: { 'x-request-id': parts.requestId.replace(/[^\x20-\x7e]/g, '') } }
        : {}),
      expect: {},
    }),
  );
