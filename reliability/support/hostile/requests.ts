import fc from 'fast-check';
import { anything } from './any-request.js';
import { deep, malformed, oversized, wrongType } from './body-requests.js';
import { type Expectation, type HostileRequest, JSON_TYPE } from './hostile-request.js';
import { BAD_CURSORS, BAD_IDS, BAD_LIMITS, BAD_STATUSES, SQL_INJECTIONS } from './payloads.js';
import { acceptedTitle, titleValue } from './titles.js';
import { forgedToken } from './token-requests.js';

// Requests that reach the fields: titles, statuses, ids, paging, each with the answer the
// contract gives it; and, at the end, the weighted mix of every family the suite sends.

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
  { arbitrary: forgedToken, weight: 2 },
);
