import fc from 'fast-check';
import {
  BAD_CURSORS,
  BAD_IDS,
  BAD_LIMITS,
  BAD_STATUSES,
  MALFORMED_BODIES,
  NON_JSON_TYPES,
  SQL_INJECTIONS,
} from './payloads.js';
import { acceptedTitle, nested, titleText, titleValue } from './titles.js';

/** Which task a path names: one that exists now, one that never did, or raw text. */
export type IdRef = { kind: 'existing' } | { kind: 'missing' } | { kind: 'raw'; text: string };

export type Expectation = {
  /** Statuses the contract allows for this request; absent: anything but 5xx. */
  status?: number[];
  /** A field the problem's `errors` must name. */
  field?: string;
  /** The title the api must store, byte for byte, when it accepts the request. */
  storesTitle?: string;
};

export type HostileRequest = {
  label: string;
  method: string;
  /** May contain `{id}`, replaced by the executor according to `id`. */
  path: string;
  id?: IdRef;
  contentType?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  expect: Expectation;
};

const JSON_TYPE = 'application/json';
const VALID_ID = /^[1-9]\d{0,9}$/;
const statusValue = fc.oneof(
  fc.constantFrom('ongoing', 'completed'),
  fc.constantFrom(...BAD_STATUSES, ...SQL_INJECTIONS),
  fc.jsonValue({ maxDepth: 2 }),
);
const isStatus = (value: unknown) => value === 'ongoing' || value === 'completed';

/** The expectation for a title that reaches validation as `value`. */
function titleVerdict(value: unknown, success: number): Expectation {
  const stored = typeof value === 'string' ? acceptedTitle(value) : null;
  return stored === null
    ? { status: [400], field: 'title' }
    : { status: [success], storesTitle: stored };
}

const create = titleValue.map(
  (title): HostileRequest => ({
    label: 'create with a generated title',
    method: 'POST',
    path: '/v1/tasks',
    contentType: JSON_TYPE,
    body: JSON.stringify({ title }),
    expect: titleVerdict(title, 201),
  }),
);

const rename = titleValue.map(
  (title): HostileRequest => ({
    label: 'rename with a generated title',
    method: 'PATCH',
    path: '/v1/tasks/{id}',
    id: { kind: 'existing' },
    contentType: JSON_TYPE,
    body: JSON.stringify({ title }),
    expect: titleVerdict(title, 200),
  }),
);

const setStatus = statusValue.map(
  (status): HostileRequest => ({
    label: 'change one status',
    method: 'PATCH',
    path: '/v1/tasks/{id}',
    id: { kind: 'existing' },
    contentType: JSON_TYPE,
    body: JSON.stringify({ status }),
    expect: isStatus(status) ? { status: [200] } : { status: [400], field: 'status' },
  }),
);

const oddPatch = fc
  .oneof(
    fc.constant({}),
    fc
      .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
        minKeys: 1,
        maxKeys: 3,
      })
      .filter((object) => !('title' in object) && !('status' in object)),
  )
  .map(
    (patch): HostileRequest => ({
      label: 'patch without a known field',
      method: 'PATCH',
      path: '/v1/tasks/{id}',
      id: { kind: 'existing' },
      contentType: JSON_TYPE,
      body: JSON.stringify(patch),
      expect: { status: [400], field: 'body' },
    }),
  );

const idText = fc.oneof(
  // Percent-encoded unless already: a URL parser would trim or rewrite them on the way.
  fc.constantFrom(...BAD_IDS).map((text) => (text.includes('%') ? text : encodeURIComponent(text))),
  fc.constantFrom(...SQL_INJECTIONS).map(encodeURIComponent),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

const badId = fc
  .tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), idText)
  .map(([method, text]): HostileRequest => {
    let decoded: string | null;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      decoded = null;
    }
    const plausible =
      decoded !== null && VALID_ID.test(decoded) && Number(decoded) <= 2_147_483_647;
    return {
      label: 'task path with a hostile id',
      method,
      path: '/v1/tasks/{id}',
      id: { kind: 'raw', text },
      ...(method === 'PATCH' ? { contentType: JSON_TYPE, body: '{"status":"completed"}' } : {}),
      // A slash (raw or encoded) may take the request off the route: then 404.
      expect: plausible ? { status: [200, 204, 404] } : { status: [400, 404] },
    };
  });

const missingId = fc.constantFrom('GET', 'PATCH', 'DELETE').map(
  (method): HostileRequest => ({
    label: 'a task that does not exist',
    method,
    path: '/v1/tasks/{id}',
    id: { kind: 'missing' },
    ...(method === 'PATCH' ? { contentType: JSON_TYPE, body: '{"title":"x"}' } : {}),
    expect: { status: [404] },
  }),
);

type QueryPart = { name: string; value: string | null; bad: boolean };

const queryPart = (name: string, good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.constant<QueryPart>({ name, value: null, bad: false }),
    good.map((value): QueryPart => ({ name, value, bad: false })),
    bad.map((value): QueryPart => ({ name, value, bad: true })),
  );

const list = fc
  .tuple(
    queryPart(
      'status',
      fc.constantFrom('ongoing', 'completed'),
      fc.constantFrom(...BAD_STATUSES.filter(Boolean), ...SQL_INJECTIONS),
    ),
    queryPart(
      'limit',
      fc.integer({ min: 1, max: 200 }).map(String),
      fc.oneof(fc.constantFrom(...BAD_LIMITS), fc.constantFrom(...SQL_INJECTIONS)),
    ),
    queryPart(
      'cursor',
      fc.constant('__none__'),
      fc.constantFrom(...BAD_CURSORS, ...SQL_INJECTIONS),
    ),
  )
  .map((parts): HostileRequest => {
    const present = parts.filter((part) => part.value !== null && part.value !== '__none__');
    const search = present
      .map((part) => `${part.name}=${encodeURIComponent(part.value ?? '')}`)
      .join('&');
    const bad = present.find((part) => part.bad);
    return {
      label: 'list with generated query',
      method: 'GET',
      path: `/v1/tasks${search ? `?${search}` : ''}`,
      expect: bad ? { status: [400], field: bad.name } : { status: [200] },
    };
  });

const markAll = statusValue.map(
  (status): HostileRequest => ({
    label: 'mark all',
    method: 'PATCH',
    path: '/v1/tasks',
    contentType: JSON_TYPE,
    body: JSON.stringify({ status }),
    expect: isStatus(status) ? { status: [200] } : { status: [400], field: 'status' },
  }),
);

const clear = fc
  .option(fc.constantFrom('completed', ...BAD_STATUSES, 'ongoing', ...SQL_INJECTIONS), {
    nil: undefined,
  })
  .map(
    (status): HostileRequest => ({
      label: 'clear completed',
      method: 'DELETE',
      path: `/v1/tasks${status === undefined ? '' : `?status=${encodeURIComponent(status)}`}`,
      expect: status === 'completed' ? { status: [200] } : { status: [400], field: 'status' },
    }),
  );

const writeTarget = fc.constantFrom(
  { method: 'POST', path: '/v1/tasks', id: undefined },
  { method: 'PATCH', path: '/v1/tasks/{id}', id: { kind: 'existing' } as IdRef },
  { method: 'PATCH', path: '/v1/tasks', id: undefined },
);

const wrongType = fc
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

const malformed = fc.tuple(writeTarget, fc.constantFrom(...MALFORMED_BODIES)).map(
  ([target, body]): HostileRequest => ({
    label: 'a body that is not UTF-8 JSON',
    ...target,
    contentType: JSON_TYPE,
    body,
    expect: { status: [400], field: 'body' },
  }),
);

const oversized = fc.tuple(writeTarget, fc.integer({ min: 16 * 1024 + 1, max: 256 * 1024 })).map(
  ([target, size]): HostileRequest => ({
    label: 'a body over 16 KiB',
    ...target,
    contentType: JSON_TYPE,
    body: JSON.stringify({ title: 'x'.repeat(size) }),
    expect: { status: [413], field: 'body' },
  }),
);

const deep = fc.tuple(fc.integer({ min: 500, max: 7000 }), fc.boolean()).map(
  ([depth, inTitle]): HostileRequest => ({
    label: 'deeply nested JSON',
    method: 'POST',
    path: '/v1/tasks',
    contentType: JSON_TYPE,
    body: inTitle ? `{"title":${nested(depth)}}` : nested(depth, '{"title":"x"}'),
    expect: { status: [400], field: inTitle ? 'title' : 'body' },
  }),
);

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
const anything = fc
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

/** Every kind of hostile request, each family weighted by how much it has to find. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  { arbitrary: create, weight: 8 },
  { arbitrary: rename, weight: 4 },
  { arbitrary: setStatus, weight: 2 },
  { arbitrary: oddPatch, weight: 1 },
  { arbitrary: badId, weight: 4 },
  { arbitrary: missingId, weight: 1 },
  { arbitrary: list, weight: 4 },
  { arbitrary: markAll, weight: 1 },
  { arbitrary: clear, weight: 1 },
  { arbitrary: wrongType, weight: 2 },
  { arbitrary: malformed, weight: 2 },
  { arbitrary: oversized, weight: 1 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: anything, weight: 6 },
);
