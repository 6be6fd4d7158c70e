import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type Deadline, readWithin } from '../db/deadline.js';
import { taskFeeds, todoCounters, todos } from '../db/schema.js';
import type { TaskStatus } from '../limits.js';

export type Counts = { all: number; ongoing: number; completed: number };
/** A page: the tasks after an id (forward), or the ones just before an id (back). */
export type ListQuery = {
  status: TaskStatus | null;
  direction: 'after' | 'before';
  id: number;
  limit: number;
};

/** One task of one account: another account's id finds nothing, exactly like a missing one. */
export const byId = (owner: string, id: number) => and(eq(todos.id, id), eq(todos.ownerId, owner));

/** The reads of the task list, each under the request's deadline. */
export function createTaskReads(database: Database) {
  const { reads } = database;
  // The hot reads are built once; each request only binds its values.
  const owner = eq(todos.ownerId, sql.placeholder('owner'));
  const status = eq(todos.status, sql.placeholder('status'));
  const afterId = gt(todos.id, sql.placeholder('id'));
  const beforeId = lt(todos.id, sql.placeholder('id'));
  // Forward pages read an index range upwards; pages back read the range just below downwards.
  const page = (filtered: boolean, direction: 'after' | 'before') =>
    reads
      .select()
      .from(todos)
      .where(
        filtered
          ? and(owner, status, direction === 'after' ? afterId : beforeId)
          : and(owner, direction === 'after' ? afterId : beforeId),
      )
      .orderBy(direction === 'after' ? asc(todos.id) : desc(todos.id))
      .limit(sql.placeholder('limit'))
      .prepare();
  const pages = {
    after: { all: page(false, 'after'), filtered: page(true, 'after') },
    before: { all: page(false, 'before'), filtered: page(true, 'before') },
  };
  // The counts, and the change feed's number they are as of, in one statement.
  const sumCounters = reads
    .select({
      ongoing: sql<string>`COALESCE(SUM(${todoCounters.ongoing}), 0)`,
      completed: sql<string>`COALESCE(SUM(${todoCounters.completed}), 0)`,
      seq: sql<
        string | null
      >`(SELECT ${taskFeeds.lastSeq} FROM ${taskFeeds} WHERE ${taskFeeds.ownerId} = ${sql.placeholder('owner')})`,
    })
    .from(todoCounters)
    .where(eq(todoCounters.ownerId, sql.placeholder('owner')))
    .prepare();

  return {
    /**
     * One page in id order, and whether there is more beyond it (after a forward page, before a
     * page back). Served by an index range, whatever the size of the table.
     */
    list: (deadline: Deadline, account: string, query: ListQuery) =>
      readWithin(deadline, async () => {
        const params = { owner: account, id: query.id, limit: query.limit + 1 };
        const statement = pages[query.direction][query.status ? 'filtered' : 'all'];
        const rows = await statement.execute(
          query.status ? { ...params, status: query.status } : params,
        );
        const items = rows.slice(0, query.limit);
        if (query.direction === 'before') items.reverse();
        return { items, hasMore: rows.length > query.limit };
      }),

    /**
     * The account's counts, and the number of the last change-feed event they include: a
     * client that applies the feed's later events on top stays exact.
     */
    counts: (deadline: Deadline, account: string) =>
      readWithin(deadline, async (): Promise<{ counts: Counts; seq: number }> => {
        const [row] = await sumCounters.execute({ owner: account });
        const ongoing = Number(row?.ongoing ?? 0);
        const completed = Number(row?.completed ?? 0);
        return {
          counts: { all: ongoing + completed, ongoing, completed },
          seq: Number(row?.seq ?? 0),
        };
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
