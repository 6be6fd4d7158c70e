import { z } from '@hono/zod-openapi';
import {
  BATCH_PATTERN,
  CURSOR_PATTERN,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_TASK_ID,
  MAX_TITLE_LENGTH,
  parsePageSize,
  parseTaskId,
  TASK_STATUSES,
  type TitleProblem,
  titleProblem,
} from '../limits.js';

export const TaskStatusSchema = z.enum(TASK_STATUSES).openapi('TaskStatus', {
  description: "'ongoing' until the task is done, then 'completed'",
});

const titleMessages: Record<TitleProblem, string> = {
  empty: 'must not be empty',
  'not-unicode': 'must be valid Unicode text',
  'too-long': `must be at most ${MAX_TITLE_LENGTH} characters`,
  'control-character': 'must not contain control characters',
  'nothing-visible': 'must contain at least one visible character',
};

/** 1..255 Unicode characters after trimming; counted as MySQL counts them (code points). */
export const TitleSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .superRefine((title, context) => {
    const problem = titleProblem(title);
    if (problem) context.addIssue({ code: 'custom', message: titleMessages[problem] });
  })
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
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Opens the page after; null on the last' }),
    prevCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Opens the page before; null on the first' }),
    position: z.number().int().nonnegative().openapi({
      description:
        'How many tasks of the list come before the first of this page ("51–100 of 120" is position 50 and 50 items of counts.all); approximate when tasks before the page changed since the first page',
    }),
    counts: CountsSchema,
    seq: z.number().int().nonnegative().openapi({
      description:
        "The number of the account's last change-feed event the counts include (GET /v1/events): apply the feed's events after it",
    }),
  })
  .openapi('TaskPage');

export const TaskIdParamsSchema = z.object({
  id: z
    .string()
    .refine((id) => parseTaskId(id) !== null, `must be an integer from 1 to ${MAX_TASK_ID}`)
    .transform(Number)
    .openapi({
      param: { name: 'id', in: 'path' },
      type: 'integer',
      minimum: 1,
      maximum: MAX_TASK_ID,
      example: 42,
    }),
});

export const ListQuerySchema = z.object({
  status: TaskStatusSchema.optional().openapi({
    param: { name: 'status', in: 'query' },
    description: 'Only tasks with this status; absent: all',
  }),
  limit: z
    .string()
    .refine(
      (limit) => parsePageSize(limit) !== null,
      `must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    )
    .transform(Number)
    .optional()
    .openapi({
      param: { name: 'limit', in: 'query' },
      type: 'integer',
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_PAGE_SIZE,
      description: 'Tasks per page, written in plain digits',
    }),
  cursor: z
    .string()
    .regex(CURSOR_PATTERN, 'is not a cursor this API issued')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'nextCursor of a page' }),
  page: z
    .literal('last', { error: "must be 'last'" })
    .optional()
    .openapi({
      param: { name: 'page', in: 'query' },
      description:
        "'last': the list's last page (where a new task lands), without a cursor; not with cursor",
    }),
});

export const CreateTaskSchema = z.object({ title: TitleSchema }).openapi('CreateTask');

export const UpdateTaskSchema = z
  .strictObject({ title: TitleSchema.optional(), status: TaskStatusSchema.optional() })
  .refine((patch) => patch.title !== undefined || patch.status !== undefined, {
    message: 'must contain title or status',
  })
  .openapi('UpdateTask', { minProperties: 1 });

export const MarkAllSchema = z.object({ status: TaskStatusSchema }).openapi('MarkAll');

export const ClearQuerySchema = z.object({
  status: z
    .literal('completed', { error: "must be 'completed'" })
    .openapi({ param: { name: 'status', in: 'query' } }),
});

/** A batch of the trash: what a clear answers, and what undoing it names. */
const BatchSchema = z
  .string()
  .regex(BATCH_PATTERN, 'is not a batch this API issued')
  .openapi({ example: 'Zm9vYmFyYmF6cXV4' });

export const ClearedSchema = z
  .object({
    deleted: z.number().int().nonnegative(),
    batch: BatchSchema.nullable().openapi({
      description: 'Names the undo; null when nothing was deleted',
    }),
  })
  .openapi('Cleared');

export const RestoreBatchSchema = z.object({ batch: BatchSchema }).openapi('RestoreBatch');

export const RestoredSchema = z
  .object({ restored: z.number().int().nonnegative(), items: z.array(TaskSchema) })
  .openapi('Restored');
