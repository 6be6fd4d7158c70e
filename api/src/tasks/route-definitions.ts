import { createRoute, z } from '@hono/zod-openapi';
import { problemResponses } from '../http/problem-responses.js';
import { IdempotencyHeadersSchema } from '../idempotency/key.js';
import {
  ClearedSchema,
  ClearQuerySchema,
  CreateTaskSchema,
  ListQuerySchema,
  MarkAllSchema,
  RestoreBatchSchema,
  RestoredSchema,
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
  description:
    'The tasks wait in the trash for a few minutes: `POST /v1/tasks/restore` with the `batch` ' +
    'of this answer puts them back (Undo).',
  request: { headers: IdempotencyHeadersSchema, query: ClearQuerySchema },
  responses: {
    200: { description: 'How many tasks were deleted, and how to undo it', ...json(ClearedSchema) },
    ...problemResponses(400, 409, 422, 503),
  },
});

export const restoreTask = createRoute({
  method: 'post',
  path: '/{id}/restore',
  summary: 'Undo the delete of a task',
  description:
    'Puts a deleted task back as it was (id, title, status, timestamps), within a few minutes ' +
    'of its delete; after that, or for a task that was not deleted, 404.',
  request: { headers: IdempotencyHeadersSchema, params: TaskIdParamsSchema },
  responses: {
    200: { description: 'The task, back', ...json(TaskSchema) },
    ...problemResponses(400, 404, 409, 422, 503),
  },
});

export const restoreBatch = createRoute({
  method: 'post',
  path: '/restore',
  summary: 'Undo a clear of the completed tasks',
  description:
    'Puts back every task of the batch that `DELETE /v1/tasks?status=completed` answered with, ' +
    'as they were; nothing once the undo window is over.',
  request: { headers: IdempotencyHeadersSchema, ...body(RestoreBatchSchema) },
  responses: {
    200: { description: 'The tasks put back', ...json(RestoredSchema) },
    ...problemResponses(400, 409, 413, 415, 422, 503),
  },
});
