import { ProblemError, problemBody } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { replayHeaders, writeRequest } from '../idempotency/http.js';
import type { Answer, IdempotentWrites } from '../idempotency/idempotent-write.js';
import { DEFAULT_PAGE_SIZE } from '../limits.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { FIRST_PAGE, lastPage, type PageLinks, pageLinks } from './paging.js';
import {
  clearCompleted,
  createTask,
  deleteTask,
  getTask,
  listTasks,
  markAll,
  restoreBatch,
  restoreTask,
  updateTask,
} from './route-definitions.js';
import type { TaskReads } from './task-reads.js';
import { type Task, toTask } from './task-view.js';
import type { TaskWrites } from './task-writes.js';

const notFoundDetail = (id: number) => `Task ${id} does not exist`;

/** A 404 as a write answers it: stored with the idempotency key like any other answer. */
const notFound = (id: number): Answer<never> => ({
  status: 404,
  body: problemBody(404, notFoundDetail(id)),
});

/** A write's answer that is not its success: a 404, as stored (and marked when replayed). */
function failure(answer: Answer<unknown>, replayed: boolean): ProblemError {
  const detail = answer.status === 404 ? answer.body.detail : 'Unexpected stored answer';
  return new ProblemError(404, detail, { headers: replayHeaders(replayed) });
}

export type TaskRouteDependencies = {
  reads: TaskReads;
  writes: TaskWrites;
  write: IdempotentWrites;
};

/** `/v1/tasks`: mounted by the app under that path. */
export function taskRoutes({ reads, writes, write }: TaskRouteDependencies) {
  return createRouter()
    .openapi(listTasks, async (c) => {
      const query = c.req.valid('query');
      const filter = query.status ?? 'all';
      const { deadline, account } = c.var;
      let opened: typeof FIRST_PAGE = FIRST_PAGE;
      if (query.cursor !== undefined && query.page !== undefined) {
        const message = 'cannot be given with cursor';
        throw new ProblemError(400, `Invalid page: ${message}`, {
          errors: [{ field: 'page', in: 'query', message }],
        });
      }
      if (query.cursor !== undefined) {
        const decoded = decodeCursor(query.cursor, filter, account);
        if (!decoded.ok) {
          const message =
            decoded.problem === 'other-filter'
              ? 'belongs to another status filter'
              : 'is not a cursor this API issued';
          throw new ProblemError(400, `Invalid cursor: ${message}`, {
            errors: [{ field: 'cursor', in: 'query', message }],
          });
        }
        const { direction, id, position } = decoded.cursor;
        opened = { direction, id, position };
      }
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const status = query.status ?? null;
      // The counts and their feed number first, then the page: a change that lands in between
      // is in the page and also comes later in the feed, where applying it again is harmless;
      // the other way round it could be in neither.
      const { counts, seq } = await reads.counts(deadline, account);
      if (query.page === 'last') opened = lastPage(counts[query.status ?? 'all']);
      const found = await reads.list(deadline, account, { status, limit, ...opened });
      // A page back that finds nothing (all of it deleted meanwhile) is the first page.
      const emptyBack = opened.direction === 'before' && found.items.length === 0;
      if (emptyBack) opened = FIRST_PAGE;
      const page = emptyBack
        ? await reads.list(deadline, account, { status, limit, ...FIRST_PAGE })
        : found;
      const links = pageLinks(opened, page);
      const cursor = (link: PageLinks['next']) =>
        link ? encodeCursor({ ...link, status: filter }, account) : null;
      return c.json(
        {
          items: page.items.map(toTask),
          nextCursor: cursor(links.next),
          prevCursor: cursor(links.previous),
          position: links.position,
          counts,
          seq,
        },
        200,
      );
    })
    .openapi(createTask, async (c) => {
      const input = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<Task>(writeRequest(c, key, input), async (tx) => {
        const task = toTask(await writes.create(tx, c.var.account, input.title));
        return { status: 201, body: task, location: `/v1/tasks/${task.id}` };
      });
      if (answer.status !== 201) throw failure(answer, replayed);
      return c.json(answer.body, 201, {
        Location: answer.location ?? `/v1/tasks/${answer.body.id}`,
        ...replayHeaders(replayed),
      });
    })
    .openapi(getTask, async (c) => {
      const { id } = c.req.valid('param');
      const row = await reads.get(c.var.deadline, c.var.account, id);
      if (!row) throw new ProblemError(404, notFoundDetail(id));
      return c.json(toTask(row), 200);
    })
    .openapi(updateTask, async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<Task>(writeRequest(c, key, patch), async (tx) => {
        const row = await writes.update(tx, c.var.account, id, patch);
        return row ? { status: 200, body: toTask(row) } : notFound(id);
      });
      if (answer.status !== 200) throw failure(answer, replayed);
      return c.json(answer.body, 200, replayHeaders(replayed));
    })
    .openapi(deleteTask, async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<null>(writeRequest(c, key, null), async (tx) =>
        (await writes.remove(tx, c.var.account, id)) ? { status: 204, body: null } : notFound(id),
      );
      if (answer.status !== 204) throw failure(answer, replayed);
      return c.body(null, 204, replayHeaders(replayed));
    })
    .openapi(markAll, async (c) => {
      const input = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<{ updated: number }>(
        writeRequest(c, key, input),
        async (tx) => ({
          status: 200,
          body: { updated: await writes.markAll(tx, c.var.account, input.status) },
        }),
      );
      if (answer.status !== 200) throw failure(answer, replayed);
      return c.json(answer.body, 200, replayHeaders(replayed));
    })
    .openapi(clearCompleted, async (c) => {
      const query = c.req.valid('query');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<{ deleted: number; batch: string | null }>(
        writeRequest(c, key, query),
        async (tx) => ({ status: 200, body: await writes.clearCompleted(tx, c.var.account) }),
      );
      if (answer.status !== 200) throw failure(answer, replayed);
      return c.json(answer.body, 200, replayHeaders(replayed));
    })
    .openapi(restoreTask, async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<Task>(writeRequest(c, key, null), async (tx) => {
        const [row] = await writes.restore(tx, c.var.account, { id });
        return row ? { status: 200, body: toTask(row) } : notFound(id);
      });
      if (answer.status !== 200) throw failure(answer, replayed);
      return c.json(answer.body, 200, replayHeaders(replayed));
    })
    .openapi(restoreBatch, async (c) => {
      const input = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { answer, replayed } = await write<{ restored: number; items: Task[] }>(
        writeRequest(c, key, input),
        async (tx) => {
          const rows = await writes.restore(tx, c.var.account, { batch: input.batch });
          return { status: 200, body: { restored: rows.length, items: rows.map(toTask) } };
        },
      );
      if (answer.status !== 200) throw failure(answer, replayed);
      return c.json(answer.body, 200, replayHeaders(replayed));
    });
}
