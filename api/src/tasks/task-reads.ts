import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type Deadline, readWithin } from '../db/deadline.js';
import { todoCounters, todos } from '../db/schema.js';
import type { TaskStatus } from '../limits.js';

export type Counts = { all: number; ongoing: number; completed: number };
export type ListQuery = { status: TaskStatus | null; afterId: number; limit: number };

/** One task of one account: another account's id finds nothing, exactly like a missing one. */
export const byId = (owner: string, id: number) => and(eq(todos.id, id), eq(todos.ownerId, owner));

/** The reads of the task list, each under the request's deadline. */
export function createTaskReads(database: Database) {
  const { reads } = database;
  // The hot reads are built once; each request only binds its values.
  const owner = eq(todos.ownerId, sql.placeholder('owner'));
  const afterId = gt(todos.id, sql.placeholder('afterId'));
  const listAll = reads
    .select()
    .from(todos)
    .where(and(owner, afterId))
    .orderBy(asc(todos.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const listByStatus = reads
    .select()
    .from(todos)
    .where(and(owner, eq(todos.status, sql.placeholder('status')), afterId))
    .orderBy(asc(todos.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const sumCounters = reads
    .select({
      ongoing: sql<string>`COALESCE(SUM(${todoCounters.ongoing}), 0)`,
      completed: sql<string>`COALESCE(SUM(${todoCounters.completed}), 0)`,
    })
    .from(todoCounters)
    .where(eq(todoCounters.ownerId, sql.placeholder('owner')))
    .prepare();

  return {
    /** One page in id order, plus whether another page follows. Served by an index range. */
    list: (deadline: Deadline, account: string, query: ListQuery) =>
      readWithin(deadline, async () => {
        const params = { owner: account, afterId: query.afterId, limit: query.limit + 1 };
        const rows = query.status
          ? await listByStatus.execute({ ...params, status: query.status })
          : await listAll.execute(params);
        return { items: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
      }),

    counts: (deadline: Deadline, account: string) =>
      readWithin(deadline, async (): Promise<Counts> => {
        const [row] = await sumCounters.execute({ owner: account });
        const ongoing = Number(row?.ongoing ?? 0);
        const completed = Number(row?.completed ?? 0);
        return { all: ongoing + completed, ongoing, completed };
      }),

    /** On the primary: a client reading back what it just wrote must see it. */
    get: (deadline: Deadline, account: string, id: number) =>
      readWithin(deadline, async () => {
        const [row] = await database.primaryReads.select().from(todos).where(byId(account, id));
        return row ?? null;
      }),
  };
}

export type TaskReads = ReturnType<typeof createTaskReads>;
