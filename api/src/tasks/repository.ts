import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type Deadline, readWithin } from '../db/deadline.js';
import { COUNTER_SLOTS, todoCounters, todos } from '../db/schema.js';
import type { WriteDatabase } from '../db/write-transaction.js';
import { TASK_STATUSES, type TaskStatus } from '../limits.js';

export type TaskRow = typeof todos.$inferSelect;
export type Counts = { all: number; ongoing: number; completed: number };
export type ListQuery = { status: TaskStatus | null; afterId: number; limit: number };
export type TaskPatch = { title?: string | undefined; status?: TaskStatus | undefined };

type CounterDelta = { ongoing: number; completed: number };

/** One task of one account: another account's id finds nothing, exactly like a missing one. */
const byId = (owner: string, id: number) => and(eq(todos.id, id), eq(todos.ownerId, owner));
const ownedBy = (owner: string) => eq(todos.ownerId, owner);

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

/**
 * The statements of each write, run inside the transaction the caller opened (which also holds
 * the idempotency key). Counts change in the same transaction, in one random counter slot (see
 * COUNTER_SLOTS), so they commit or roll back with the rows they count.
 */
export function createTaskWrites(options: { pickSlot?: () => number } = {}) {
  const pickSlot = options.pickSlot ?? (() => Math.floor(Math.random() * COUNTER_SLOTS));

  /** Adds the change to one of the account's slots, creating the slot on its first use. */
  async function adjustCounts(tx: WriteDatabase, owner: string, delta: CounterDelta) {
    if (delta.ongoing === 0 && delta.completed === 0) return;
    await tx
      .insert(todoCounters)
      .values({ ownerId: owner, slot: pickSlot(), ...delta })
      .onDuplicateKeyUpdate({
        set: {
          ongoing: sql`${todoCounters.ongoing} + ${delta.ongoing}`,
          completed: sql`${todoCounters.completed} + ${delta.completed}`,
        },
      });
  }

  const readRow = async (tx: WriteDatabase, owner: string, id: number) => {
    const [row] = await tx.select().from(todos).where(byId(owner, id));
    return row ?? null;
  };

  return {
    async create(tx: WriteDatabase, owner: string, title: string): Promise<TaskRow> {
      const [created] = await tx.insert(todos).values({ title, ownerId: owner }).$returningId();
      if (!created) throw new Error('insert returned no id');
      await adjustCounts(tx, owner, countChange({ to: 'ongoing' }));
      const row = await readRow(tx, owner, created.id);
      if (!row) throw new Error('inserted row vanished');
      return row;
    },

    async update(
      tx: WriteDatabase,
      owner: string,
      id: number,
      patch: TaskPatch,
    ): Promise<TaskRow | null> {
      const [current] = await tx.select().from(todos).where(byId(owner, id)).for('update');
      if (!current) return null;
      await tx
        .update(todos)
        .set({ ...patch, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(byId(owner, id));
      if (patch.status && patch.status !== current.status) {
        await adjustCounts(tx, owner, countChange({ from: current.status, to: patch.status }));
      }
      return readRow(tx, owner, id);
    },

    async remove(tx: WriteDatabase, owner: string, id: number): Promise<boolean> {
      const [current] = await tx
        .select({ status: todos.status })
        .from(todos)
        .where(byId(owner, id))
        .for('update');
      if (!current) return false;
      await tx.delete(todos).where(byId(owner, id));
      await adjustCounts(tx, owner, countChange({ from: current.status }));
      return true;
    },

    /** Sets every task of the account to `status`; the count comes from the UPDATE itself. */
    async markAll(tx: WriteDatabase, owner: string, status: TaskStatus): Promise<number> {
      const [result] = await tx
        .update(todos)
        .set({ status, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(and(ownedBy(owner), ne(todos.status, status)));
      const changed = result.affectedRows;
      const from = status === 'ongoing' ? 'completed' : 'ongoing';
      await adjustCounts(tx, owner, countChange({ from, to: status }, changed));
      return changed;
    },

    async clearCompleted(tx: WriteDatabase, owner: string): Promise<number> {
      const [result] = await tx
        .delete(todos)
        .where(and(ownedBy(owner), eq(todos.status, 'completed')));
      await adjustCounts(tx, owner, countChange({ from: 'completed' }, result.affectedRows));
      return result.affectedRows;
    },

    /**
     * Gives the account every task that has no owner (rows from before accounts existed) and
     * counts them. The first account to ask gets them all; later ones find none.
     */
    async adoptUnowned(tx: WriteDatabase, owner: string): Promise<number> {
      // Status by status, so that what is counted is exactly what this UPDATE took over.
      const delta = { ongoing: 0, completed: 0 };
      for (const status of TASK_STATUSES) {
        const [result] = await tx
          .update(todos)
          .set({ ownerId: owner })
          .where(and(isNull(todos.ownerId), eq(todos.status, status)));
        delta[status] = result.affectedRows;
      }
      await adjustCounts(tx, owner, delta);
      return delta.ongoing + delta.completed;
    },
  };
}

export type TaskWrites = ReturnType<typeof createTaskWrites>;
