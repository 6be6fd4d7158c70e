import { z } from '@hono/zod-openapi';
import { taskStatuses } from '../db/schema.js';

export const MAX_TITLE_LENGTH = 255;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
const MAX_ID = 2_147_483_647; // INT column

// C0 and C1 control characters: invisible in a list, and NUL confuses many tools.
const CONTROL = /\p{Cc}/u;

export const TaskStatusSchema = z.enum(taskStatuses).openapi('TaskStatus', {
  description: "'ongoing' until the task is done, then 'completed'",
});

/** 1..255 Unicode characters after trimming; counted as MySQL counts them (code points). */
export const TitleSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { message: 'must not be empty', abort: true })
  .refine((title) => title.isWellFormed(), { message: 'must be valid Unicode text', abort: true })
  .refine((title) => [...title].length <= MAX_TITLE_LENGTH, {
    message: `must be at most ${MAX_TITLE_LENGTH} characters`,
  })
  .refine((title) => !CONTROL.test(title), 'must not contain control characters')
  .openapi({ minLength: 1, maxLength: MAX_TITLE_LENGTH, example: 'Water the plants' });

export const TaskSchema = z
  .object({
    id: z.number().int().positive(),
    title: z.string(),
    status: TaskStatusSchema,
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Task');

export const CountsSchema = z
  .object({
    all: z.number().int().nonnegative(),
    ongoing: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
  })
  .openapi('TaskCounts');

export const TaskPageSchema = z
  .object({
    items: z.array(TaskSchema),
    nextCursor: z.string().nullable(),
    counts: CountsSchema,
  })
  .openapi('TaskPage');

export const TaskIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { message: 'must be a positive integer', abort: true })
    .refine((id) => Number(id) <= MAX_ID, `must be at most ${MAX_ID}`)
    .openapi({ param: { name: 'id', in: 'path' }, example: '42' }),
});

export const ListQuerySchema = z.object({
  status: TaskStatusSchema.optional().openapi({
    param: { name: 'status', in: 'query' },
    description: 'Only tasks with this status; absent: all',
  }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { message: `must be an integer from 1 to ${MAX_PAGE_SIZE}`, abort: true })
    .refine(
      (limit) => Number(limit) >= 1 && Number(limit) <= MAX_PAGE_SIZE,
      `must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    )
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, example: String(DEFAULT_PAGE_SIZE) }),
  cursor: z
    .string()
    .max(100, 'is not a cursor this API issued')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'nextCursor of a page' }),
});

export const CreateTaskSchema = z.object({ title: TitleSchema }).openapi('CreateTask');

export const UpdateTaskSchema = z
  .strictObject({ title: TitleSchema.optional(), status: TaskStatusSchema.optional() })
  .refine((patch) => patch.title !== undefined || patch.status !== undefined, {
    message: 'must contain title or status',
  })
  .openapi('UpdateTask');

export const MarkAllSchema = z.object({ status: TaskStatusSchema }).openapi('MarkAll');

export const ClearQuerySchema = z.object({
  status: z
    .literal('completed', { error: "must be 'completed'" })
    .openapi({ param: { name: 'status', in: 'query' } }),
});
