import { ProblemSchema } from './problem.js';

const descriptions = {
  400: 'A parameter, a header or the body is invalid; `errors` names each bad field',
  401: 'No valid bearer token: missing, malformed, expired, for another audience, or not signed with a key of this api',
  404: 'No such task (a task of another account is no such task)',
  409: "A request with this Idempotency-Key is still running (`type` '/problems/in-progress'); retry later with the same key",
  413: 'The body is larger than 16 KiB',
  415: 'The body is not JSON',
  422: "This Idempotency-Key was used for a different request (`type` '/problems/idempotency-key-reused')",
  503: "The database did not answer in time; `Retry-After` says when to retry. For a change, `type` says what became of it: '/problems/not-written' (it did not happen and will not: safe to retry), '/problems/outcome-unknown' (it was being committed when the answer was lost: retry with the same Idempotency-Key to learn which), '/problems/busy' (too many requests were waiting: nothing was done). A read answers '/problems/unavailable' (or busy).",
} as const;

type DocumentedStatus = keyof typeof descriptions;

/** OpenAPI entries for the problem+json answers a route can give. */
export function problemResponses<S extends DocumentedStatus>(...statuses: S[]) {
  const entries = statuses.map((status) => [
    status,
    {
      description: descriptions[status],
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  ]);
  return Object.fromEntries(entries) as Record<
    S,
    {
      description: string;
      content: { 'application/problem+json': { schema: typeof ProblemSchema } };
    }
  >;
}
