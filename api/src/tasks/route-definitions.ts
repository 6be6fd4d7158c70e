import { createRoute, z } from '@hono/zod-openapi';
import { problemResponses } from '../http/problem-responses.js';
import { IdempotencyHeadersSchema } from '../idempotency/key.js';
import {
  ClearQuerySchema,
  CreateTaskSchema,
  ListQuerySchema,
  MarkAllSchema,
  TaskIdParamsSchema,
  TaskPageSchema,
  TaskSchema,
  UpdateTaskSchema,
} from './contract.js';

// The `/v1/tasks` routes as OpenAPI describes them; the handlers are in routes.ts. Paths are
// relative to where the app mounts the group.

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, ...json(schema) },
});

export const listTasks = createRoute({
  method: 'get',
  path: '/',
  summary: 'List tasks, oldest first, one page at a time',
  request: { query: ListQuerySchema },
  responses: {
    200: { description: 'A page of tasks and the counts', ...json(TaskPageSchema) },
    ...problemResponses(400, 503),
  },
});

export const createTask = createRoute({
  method: 'post',
  path: '/',
  summary: 'Add a task',
  request: { headers: IdempotencyHeadersSchema, ...body(CreateTaskSchema) },
  responses: {
    201: { description: 'The new task; Location names it', ...json(TaskSchema) },
    ...problemResponses(400, 409, 413, 415, 422, 503),
  },
});

export const getTask = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read one task',
  request: { params: TaskIdParamsSchema },
  responses: {
    200: { description: 'The task', ...json(TaskSchema) },
    ...problemResponses(400, 404, 503),
  },
});

export const updateTask = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Rename a task or change its status',
  request: {
    headers: IdempotencyHeadersSchema,
    params: TaskIdParamsSchema,
    ...body(UpdateTaskSchema),
  },
  responses: {
    200: { description: 'The task as it is now', ...json(TaskSchema) },
    ...problemResponses(400, 404, 409, 413, 415, 422, 503),
  },
});

export const deleteTask = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a task',
  request: { headers: IdempotencyHeadersSchema, params: TaskIdParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 404, 409, 422, 503) },
});

export const markAll = createRoute({
  method: 'patch',
  path: '/',
  summary: 'Give every task the same status',
  request: { headers: IdempotencyHeadersSchema, ...body(MarkAllSchema) },
  responses: {
    200: {
      description: 'How many tasks changed',
      ...json(z.object({ updated: z.number().int().nonnegative() })),
    },
    ...problemResponses(400, 409, 413, 415, 422, 503),
  },
});

export const clearCompleted = createRoute({
  method: 'delete',
  path: '/',
  summary: 'Delete every completed task',
  request: { headers: IdempotencyHeadersSchema, query: ClearQuerySchema },
  responses: {
    200: {
      description: 'How many tasks were deleted',
      ...json(z.object({ deleted: z.number().int().nonnegative() })),
    },
    ...problemResponses(400, 409, 422, 503),
  },
});
