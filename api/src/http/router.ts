import { OpenAPIHono } from '@hono/zod-openapi';
import { type FieldLocation, fieldErrors, problemResponse, validationDetail } from './problem.js';
import type { AppEnv } from './request-context.js';

const locations: Record<string, FieldLocation> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
};

/**
 * A group of routes (`/v1/tasks`, the health routes) that the app mounts with `.route()`.
 * Each group validates with zod itself, so each answers a bad request with the same 400
 * problem that names the fields.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const errors = fieldErrors(result.error, locations[result.target] ?? 'body');
      return problemResponse(c, 400, validationDetail(errors), { errors });
    },
  });
}
