import type { Expectation } from './hostile-request.js';

const PROBLEM_TYPE = 'application/problem+json';
const FIELD_STATUSES = new Set([400, 413, 415]);
const LOCATIONS = new Set(['body', 'query', 'path', 'header']);
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;
// What a leaked stack trace or server path looks like.
const LEAK = /\bat .+:\d+:\d+|node_modules|\/work\/|\.ts:\d+|ER_[A-Z_]+|SQL syntax/;

export type Answer = { status: number; headers: Headers; text: string };

/**
 * The rules every answer of the api must keep, whatever it was sent: no 5xx, each error an
 * RFC 9457 problem (naming the offending field for 400, 413 and 415) with no internals in it,
 * and the status the contract gives for this request. Returns what was wrong, if anything.
 */
export function judge(
  method: string,
  expect: Expectation,
  answer: Answer,
  sentRequestId?: string,
): string[] {
  const wrong: string[] = [];
  const { status } = answer;
  if (status >= 500) wrong.push(`answered ${status}`);
  if (expect.status && !expect.status.includes(status)) {
    wrong.push(`answered ${status}, expected one of ${expect.status.join(', ')}`);
  }
  const echoed = answer.headers.get('x-request-id') ?? '';
  if (!SAFE_REQUEST_ID.test(echoed)) wrong.push(`unsafe X-Request-Id echoed: ${echoed}`);
  if (sentRequestId && SAFE_REQUEST_ID.test(sentRequestId) && echoed !== sentRequestId) {
    wrong.push('a sane X-Request-Id was not kept');
  }
  if (status < 400 || method === 'HEAD') return wrong;

  if (answer.headers.get('content-type') !== PROBLEM_TYPE) {
    wrong.push(`error with content-type ${answer.headers.get('content-type')}`);
    return wrong;
  }
  if (LEAK.test(answer.text)) wrong.push(`problem leaks internals: ${answer.text.slice(0, 200)}`);
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return [...wrong, 'problem body is not JSON'];
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') {
    wrong.push('problem without type or title');
  }
  if (problem.status !== status) wrong.push(`problem.status ${problem.status} != ${status}`);
  if (typeof problem.detail !== 'string' || problem.detail === '')
    wrong.push('problem without detail');
  if (!FIELD_STATUSES.has(status)) return wrong;

  const errors = Array.isArray(problem.errors)
    ? (problem.errors as Array<Record<string, unknown>>)
    : [];
  if (errors.length === 0) return [...wrong, `a ${status} problem names no field`];
  for (const error of errors) {
    if (typeof error.field !== 'string' || error.field === '')
      wrong.push('an error without a field');
    if (!LOCATIONS.has(String(error.in))) wrong.push(`an error located in ${String(error.in)}`);
    if (typeof error.message !== 'string') wrong.push('an error without a message');
  }
  if (expect.field && !errors.some((error) => error.field === expect.field)) {
    wrong.push(`errors name ${errors.map((error) => error.field).join(', ')}, not ${expect.field}`);
  }
  return wrong;
}
