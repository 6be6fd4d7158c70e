import { createRoute, z } from '@hono/zod-openapi';
import { ProblemError } from '../http/problem.js';
import { problemResponses } from '../http/problem-responses.js';
import { createRouter } from '../http/router.js';
import { DEFAULT_PAGE_SIZE } from '../limits.js';
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
import { decodeCursor, encodeCursor } from './cursor.js';
import type { TaskRepository, TaskRow } from './repository.js';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, ...json(schema) },
});

const listTasks = createRoute({
  method: 'get',
  path: '/',
  summary: 'List tasks, oldest first, one page at a time',
  request: { query: ListQuerySchema },
  responses: {
    200: { description: 'A page of tasks and the counts', ...json(TaskPageSchema) },
    ...problemResponses(400, 503),
  },
});

const createTask = createRoute({
  method: 'post',
  path: '/',
  summary: 'Add a task',
  request: body(CreateTaskSchema),
  responses: {
    201: { description: 'The new task; Location names it', ...json(TaskSchema) },
    ...problemResponses(400, 413, 415, 503),
  },
});

const getTask = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'Read one task',
  request: { params: TaskIdParamsSchema },
  responses: {
    200: { description: 'The task', ...json(TaskSchema) },
    ...problemResponses(400, 404, 503),
  },
});

const updateTask = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Rename a task or change its status',
  request: { params: TaskIdParamsSchema, ...body(UpdateTaskSchema) },
  responses: {
    200: { description: 'The task as it is now', ...json(TaskSchema) },
    ...problemResponses(400, 404, 413, 415, 503),
  },
});

const deleteTask = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a task',
  request: { params: TaskIdParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 404, 503) },
});

const markAll = createRoute({
  method: 'patch',
  path: '/',
  summary: 'Give every task the same status',
  request: body(MarkAllSchema),
  responses: {
    200: {
      description: 'How many tasks changed',
      ...json(z.object({ updated: z.number().int().nonnegative() })),
    },
    ...problemResponses(400, 413, 415, 503),
  },
});

const clearCompleted = createRoute({
  method: 'delete',
  path: '/',
  summary: 'Delete every completed task',
  request: { query: ClearQuerySchema },
  responses: {
    200: {
      description: 'How many tasks were deleted',
      ...json(z.object({ deleted: z.number().int().nonnegative() })),
    },
    ...problemResponses(400, 503),
  },
});

/** MySQL's DATETIME text, stored in UTC, as ISO 8601: '2026-01-31 12:00:00.000' → '…T…Z'. */
const isoTime = (value: string) => `${value.replace(' ', 'T')}Z`;

export function toTask(row: TaskRow) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    createdAt: isoTime(row.createdAt),
    updatedAt: isoTime(row.updatedAt),
  };
}

const notFound = (id: number) => new ProblemError(404, `Task ${id} does not exist`);

/** `/v1/tasks`: mounted by the app under that path. */
export function taskRoutes(tasks: TaskRepository) {
  return createRouter()
    .openapi(listTasks, async (c) => {
      const query = c.req.valid('query');
      const filter = query.status ?? 'all';
      let afterId = 0;
      if (query.cursor !== undefined) {
        const decoded = decodeCursor(query.cursor, filter);
        if (!decoded.ok) {
          const message =
            decoded.problem === 'other-filter'
              ? 'belongs to another status filter'
              : 'is not a cursor this API issued';
          throw new ProblemError(400, `Invalid cursor: ${message}`, [
            { field: 'cursor', in: 'query', message },
          ]);
        }
        afterId = decoded.cursor.afterId;
      }
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const [page, counts] = await Promise.all([
        tasks.list({ status: query.status ?? null, afterId, limit }),
        tasks.counts(),
      ]);
      const last = page.items.at(-1);
      return c.json(
        {
          items: page.items.map(toTask),
          nextCursor:
            page.hasMore && last ? encodeCursor({ afterId: last.id, status: filter }) : null,
          counts,
        },
        200,
      );
    })
    .openapi(createTask, async (c) => {
      const { title } = c.req.valid('json');
      const task = toTask(await tasks.create(title));
      return c.json(task, 201, { Location: `/v1/tasks/${task.id}` });
    })
    .openapi(getTask, async (c) => {
      const { id } = c.req.valid('param');
      const row = await tasks.get(id);
      if (!row) throw notFound(id);
      return c.json(toTask(row), 200);
    })
    .openapi(updateTask, async (c) => {
      const { id } = c.req.valid('param');
      const row = await tasks.update(id, c.req.valid('json'));
      if (!row) throw notFound(id);
      return c.json(toTask(row), 200);
    })
    .openapi(deleteTask, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await tasks.remove(id))) throw notFound(id);
      return c.body(null, 204);
    })
    .openapi(markAll, async (c) => {
      const { status } = c.req.valid('json');
      return c.json({ updated: await tasks.markAll(status) }, 200);
    })
    .openapi(clearCompleted, async (c) => {
      c.req.valid('query');
      return c.json({ deleted: await tasks.clearCompleted() }, 200);
    });
}
