import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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

const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown by handlers and middleware; the app's error handler answers it. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export function problemBody(status: number, detail: string, errors?: FieldError[]): Problem {
  return {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  errors?: FieldError[],
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problemBody(status, detail, errors)), status, {
    ...headers,
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
