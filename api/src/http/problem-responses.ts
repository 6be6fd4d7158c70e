import { ProblemSchema } from './problem.js';

const descriptions = {
  400: 'A parameter or the body is invalid; `errors` names each bad field',
  404: 'No such task',
  413: 'The body is larger than 16 KiB',
  415: 'The body is not JSON',
  503: 'The database is unavailable; retry later',
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
