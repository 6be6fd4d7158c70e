import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, type ProblemType } from '../problem-types.js';

/** RFC 9457 problem details, the body of every error this API answers. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          // Where a bad value came from, so a client can point at the field it sent.
          in: z.enum(['body', 'query', 'path', 'header']),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = NonNullable<Problem['errors']>[number];
export type FieldLocation = FieldError['in'];

const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// A typed problem's title names the problem, not just the status (RFC 9457, 3.1.3).
const typeTitles: Record<ProblemType, string> = {
  [PROBLEM_TYPES.unavailable]: 'Database unavailable',
  [PROBLEM_TYPES.notWritten]: 'Not written',
  [PROBLEM_TYPES.outcomeUnknown]: 'Outcome unknown',
  [PROBLEM_TYPES.busy]: 'Too busy',
  [PROBLEM_TYPES.inProgress]: 'Request in progress',
  [PROBLEM_TYPES.keyReused]: 'Idempotency key reused',
};

export type ProblemOptions = {
  errors?: FieldError[] | undefined;
  headers?: Record<string, string>;
  /** One of PROBLEM_TYPES; absent: `about:blank`, the status says it all. */
  type?: ProblemType;
};

/** Thrown by handlers and middleware; the app's error handler answers it. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export function problemBody(status: number, detail: string, options: ProblemOptions = {}): Problem {
  const { errors, type } = options;
  return {
    type: type ?? 'about:blank',
    title: (type && typeTitles[type]) ?? statusTitles[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  options: ProblemOptions = {},
): Response {
  return c.body(JSON.stringify(problemBody(status, detail, options)), status, {
    ...options.headers,
    'Content-Type': 'application/problem+json',
  });
}

/** Names each failing field the way the client wrote it (`title`, `status`, `limit`). */
export function fieldErrors(error: z.ZodError, location: FieldLocation): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : location,
    in: location,
    message: issue.message,
  }));
}

export function validationDetail(errors: FieldError[]): string {
  const names = [...new Set(errors.map((error) => error.field))];
  return `Invalid ${names.join(', ')}: ${errors[0]?.message ?? 'invalid value'}`;
}
