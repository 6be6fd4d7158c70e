import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** Where a bad value came from, so a client can point at the field it sent. */
export type FieldLocation = 'body' | 'query' | 'path' | 'header';
export type FieldError = { field: string; in: FieldLocation; message: string };

/** RFC 9457 problem details, the body of every error this API answers. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
};

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
export function fieldErrors(error: ZodError, location: FieldLocation): FieldError[] {
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
