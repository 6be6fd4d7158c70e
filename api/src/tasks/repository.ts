import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type Deadline, readWithin } from '../db/deadline.js';
import { COUNTER_SLOTS, todoCounters, todos } from '../db/schema.js';
import type { WriteDatabase } from '../db/write-transaction.js';
import type { TaskStatus } from '../limits.js';

export type TaskRow = typeof todos.$inferSelect;
export type Counts = { all: number; ongoing: number; completed: number };
export type ListQuery = { status: TaskStatus | null; afterId: number; limit: number };
export type TaskPatch = { title?: string | undefined; status?: TaskStatus | undefined };

type CounterDelta = { ongoing: number; completed: number };

const byId = (id: number) => eq(todos.id, id);

/** `count` tasks arriving in (`to`) or leaving (`from`) a status, or moving from one to the other. */
function countChange(move: { from?: TaskStatus; to?: TaskStatus }, count = 1): CounterDelta {
  const delta = { ongoing: 0, completed: 0 };
  if (move.from) delta[move.from] -= count;
  if (move.to) delta[move.to] += count;
  return delta;
}

/** The reads of the task list, each under the request's deadline. */
export function createTaskReads(database: Database) {
  const { reads } = database;
  // The hot reads are built once; each request only binds its values.
  const afterId = gt(todos.id, sql.placeholder('afterId'));
  const listAll = reads
    .select()
    .from(todos)
    .where(afterId)
    .orderBy(asc(todos.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const listByStatus = reads
    .select()
    .from(todos)
    .where(and(eq(todos.status, sql.placeholder('status')), afterId))
    .orderBy(asc(todos.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const sumCounters = reads
    .select({
      ongoing: sql<string>`COALESCE(SUM(${todoCounters.ongoing}), 0)`,
      completed: sql<string>`COALESCE(SUM(${todoCounters.completed}), 0)`,
    })
    .from(todoCounters)
    .prepare();

  return {
    /** One page in id order, plus whether another page follows. Served by an index range. */
    list: (deadline: Deadline, query: ListQuery) =>
      readWithin(deadline, async () => {
        const params = { afterId: query.afterId, limit: query.limit + 1 };
        const rows = query.status
          ? await listByStatus.execute({ ...params, status: query.status })
          : await listAll.execute(params);
        return { items: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
      }),

    counts: (deadline: Deadline) =>
      readWithin(deadline, async (): Promise<Counts> => {
        const [row] = await sumCounters.execute();
        const ongoing = Number(row?.ongoing ?? 0);
        const completed = Number(row?.completed ?? 0);
        return { all: ongoing + completed, ongoing, completed };
      }),

    /** On the primary: a client reading back what it just wrote must see it. */
    get: (deadline: Deadline, id: number) =>
      readWithin(deadline, async () => {
        const [row] = await database.primaryReads.select().from(todos).where(byId(id));
        return row ?? null;
      }),
  };
}

export type TaskReads = ReturnType<typeof createTaskReads>;

/**
 * The statements of each write, run inside the transaction the caller opened (which also holds
 * the idempotency key). Counts change in the same transaction, in one random counter slot (see
 * COUNTER_SLOTS), so they commit or roll back with the rows they count.
 */
export function createTaskWrites(options: { pickSlot?: () => number } = {}) {
  const pickSlot = options.pickSlot ?? (() => Math.floor(Math.random() * COUNTER_SLOTS));

  async function adjustCounts(tx: WriteDatabase, delta: CounterDelta) {
    if (delta.ongoing === 0 && delta.completed === 0) return;
    await tx
      .update(todoCounters)
      .set({
        ongoing: sql`${todoCounters.ongoing} + ${delta.ongoing}`,
        completed: sql`${todoCounters.completed} + ${delta.completed}`,
      })
      .where(eq(todoCounters.slot, pickSlot()));
  }

  const readRow = async (tx: WriteDatabase, id: number) => {
    const [row] = await tx.select().from(todos).where(byId(id));
    return row ?? null;
  };

  return {
    async create(tx: WriteDatabase, title: string): Promise<TaskRow> {
      const [created] = await tx.insert(todos).values({ title }).$returningId();
      if (!created) throw new Error('insert returned no id');
      await adjustCounts(tx, countChange({ to: 'ongoing' }));
      const row = await readRow(tx, created.id);
      if (!row) throw new Error('inserted row vanished');
      return row;
    },

    async update(tx: WriteDatabase, id: number, patch: TaskPatch): Promise<TaskRow | null> {
      const [current] = await tx.select().from(todos).where(byId(id)).for('update');
      if (!current) return null;
      await tx
        .update(todos)
        .set({ ...patch, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(byId(id));
      if (patch.status && patch.status !== current.status) {
        await adjustCounts(tx, countChange({ from: current.status, to: patch.status }));
      }
      return readRow(tx, id);
    },

    async remove(tx: WriteDatabase, id: number): Promise<boolean> {
      const [current] = await tx
        .select({ status: todos.status })
        .from(todos)
        .where(byId(id))
        .for('update');
      if (!current) return false;
      await tx.delete(todos).where(byId(id));
      await adjustCounts(tx, countChange({ from: current.status }));
      return true;
    },

    /** Sets every task to `status`; the count of rows changed comes from the UPDATE itself. */
    async markAll(tx: WriteDatabase, status: TaskStatus): Promise<number> {
      const [result] = await tx
        .update(todos)
        .set({ status, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(ne(todos.status, status));
      const changed = result.affectedRows;
      const from = status === 'ongoing' ? 'completed' : 'ongoing';
      await adjustCounts(tx, countChange({ from, to: status }, changed));
      return changed;
    },

    async clearCompleted(tx: WriteDatabase): Promise<number> {
      const [result] = await tx.delete(todos).where(eq(todos.status, 'completed'));
      await adjustCounts(tx, countChange({ from: 'completed' }, result.affectedRows));
      return result.affectedRows;
    },
  };
}

export type TaskWrites = ReturnType<typeof createTaskWrites>;
