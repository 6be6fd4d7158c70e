import fc from 'fast-check';
import { type HostileRequest, type IdRef, JSON_TYPE } from './hostile-request.js';
import { MALFORMED_BODIES, NON_JSON_TYPES } from './payloads.js';
import { nested } from './titles.js';

// Requests whose body is wrong before any field is read: not declared JSON, not UTF-8 JSON,
// too large, or nested too deep. Every route that takes a body must refuse them alike.

const writeTarget = fc.constantFrom(
  { method: 'POST', path: '/v1/tasks', id: undefined },
  { method: 'PATCH', path: '/v1/tasks/{id}', id: { kind: 'existing' } as IdRef },
  { method: 'PATCH', path: '/v1/tasks', id: undefined },
);

export const wrongType = fc
  .tuple(writeTarget, fc.option(fc.constantFrom(...NON_JSON_TYPES), { nil: undefined }))
  .map(
    ([target, contentType]): HostileRequest => ({
      label: 'a body that is not declared JSON',
      ...target,
      ...(contentType ? { contentType } : {}),
      body: '{"title":"x","status":"completed"}',
      expect: { status: [415], field: 'content-type' },
    }),
  );

export const malformed = fc.tuple(writeTarget, fc.constantFrom(...MALFORMED_BODIES)).map(
  ([target, body]): HostileRequest => ({
    label: 'a body that is not UTF-8 JSON',
    ...target,
    contentType: JSON_TYPE,
    body,
    expect: { status: [400], field: 'body' },
  }),
);

export const oversized = fc
  .tuple(writeTarget, fc.integer({ min: 16 * 1024 + 1, max: 256 * 1024 }))
  .map(
    ([target, size]): HostileRequest => ({
      label: 'a body over 16 KiB',
      ...target,
      contentType: JSON_TYPE,
      body: JSON.stringify({ title: 'x'.repeat(size) }),
      expect: { status: [413], field: 'body' },
    }),
  );

export const deep = fc.tuple(fc.integer({ min: 500, max: 7000 }), fc.boolean()).map(
  ([depth, inTitle]): HostileRequest => ({
    label: 'deeply nested JSON',
    method: 'POST',
    path: '/v1/tasks',
    contentType: JSON_TYPE,
    body: inTitle ? `{"title":${nested(depth)}}` : nested(depth, '{"title":"x"}'),
    expect: { status: [400], field: inTitle ? 'title' : 'body' },
  }),
);
