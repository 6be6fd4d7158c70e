import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/client.js';
import { withDeadline } from '../db/deadline.js';
import { COUNTER_SLOTS, todoCounters, todos } from '../db/schema.js';
import type { TaskStatus } from '../limits.js';

export type TaskRow = typeof todos.$inferSelect;
export type Counts = { all: number; ongoing: number; completed: number };
export type ListQuery = { status: TaskStatus | null; afterId: number; limit: number };
export type TaskPatch = { title?: string | undefined; status?: TaskStatus | undefined };

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];
type CounterDelta = { ongoing: number; completed: number };

const byId = (id: number) => eq(todos.id, id);

/** `count` tasks arriving in (`to`) or leaving (`from`) a status, or moving from one to the other. */
function countChange(move: { from?: TaskStatus; to?: TaskStatus }, count = 1): CounterDelta {
  const delta = { ongoing: 0, completed: 0 };
  if (move.from) delta[move.from] -= count;
  if (move.to) delta[move.to] += count;
  return delta;
}

/**
 * Applies a change in task counts inside the writer's transaction, to one random slot (see
 * COUNTER_SLOTS): the count changes commit or roll back together with the rows they count.
 */
async function adjustCounts(tx: Transaction, delta: CounterDelta, pickSlot: () => number) {
  if (delta.ongoing === 0 && delta.completed === 0) return;
  await tx
    .update(todoCounters)
    .set({
      ongoing: sql`${todoCounters.ongoing} + ${delta.ongoing}`,
      completed: sql`${todoCounters.completed} + ${delta.completed}`,
    })
    .where(eq(todoCounters.slot, pickSlot()));
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

export function createTaskRepository(
  db: AppDatabase,
  options: { timeoutMs: number; pickSlot?: () => number },
) {
  const { timeoutMs } = options;
  const pickSlot = options.pickSlot ?? (() => Math.floor(Math.random() * COUNTER_SLOTS));
  const guarded = <T>(work: () => Promise<T>) => withDeadline(timeoutMs, work);

  // The hot reads are built once; each request only binds its values.
  const afterId = gt(todos.id, sql.placeholder('afterId'));
  const listAll = db
    .select()
    .from(todos)
    .where(afterId)
    .orderBy(asc(todos.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const listByStatus = db
    .select()
    .from(todos)
    .where(and(eq(todos.status, sql.placeholder('status')), afterId))
    .orderBy(asc(todos.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const sumCounters = db
    .select({
      ongoing: sql<string>`COALESCE(SUM(${todoCounters.ongoing}), 0)`,
      completed: sql<string>`COALESCE(SUM(${todoCounters.completed}), 0)`,
    })
    .from(todoCounters)
    .prepare();

  const readRow = async (tx: Transaction, id: number) => {
    const [row] = await tx.select().from(todos).where(byId(id));
    return row ?? null;
  };

  return {
    /** One page in id order, plus whether another page follows. Served by an index range. */
    list: (query: ListQuery) =>
      guarded(async () => {
        const params = { afterId: query.afterId, limit: query.limit + 1 };
        const rows = query.status
          ? await listByStatus.execute({ ...params, status: query.status })
          : await listAll.execute(params);
        return { items: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
      }),

    counts: () =>
      guarded(async (): Promise<Counts> => {
        const [row] = await sumCounters.execute();
        const ongoing = Number(row?.ongoing ?? 0);
        const completed = Number(row?.completed ?? 0);
        return { all: ongoing + completed, ongoing, completed };
      }),

    get: (id: number) =>
      guarded(async () => {
        // The primary: a client reading back what it just wrote must see it.
        const [row] = await db.$primary.select().from(todos).where(byId(id));
        return row ?? null;
      }),

    create: (title: string) =>
      guarded(() =>
        db.transaction(async (tx) => {
          const [created] = await tx.insert(todos).values({ title }).$returningId();
          if (!created) throw new Error('insert returned no id');
          await adjustCounts(tx, countChange({ to: 'ongoing' }), pickSlot);
          const row = await readRow(tx, created.id);
          if (!row) throw new Error('inserted row vanished');
          return row;
        }),
      ),

    update: (id: number, patch: TaskPatch) =>
      guarded(() =>
        db.transaction(async (tx) => {
          const [current] = await tx.select().from(todos).where(byId(id)).for('update');
          if (!current) return null;
          await tx
            .update(todos)
            .set({ ...patch, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
            .where(byId(id));
          if (patch.status && patch.status !== current.status) {
            await adjustCounts(
              tx,
              countChange({ from: current.status, to: patch.status }),
              pickSlot,
            );
          }
          return readRow(tx, id);
        }),
      ),

    remove: (id: number) =>
      guarded(() =>
        db.transaction(async (tx) => {
          const [current] = await tx
            .select({ status: todos.status })
            .from(todos)
            .where(byId(id))
            .for('update');
          if (!current) return false;
          await tx.delete(todos).where(byId(id));
          await adjustCounts(tx, countChange({ from: current.status }), pickSlot);
          return true;
        }),
      ),

    /** Sets every task to `status`; the count of rows changed comes from the UPDATE itself. */
    markAll: (status: TaskStatus) =>
      guarded(() =>
        db.transaction(async (tx) => {
          const [result] = await tx
            .update(todos)
            .set({ status, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
            .where(ne(todos.status, status));
          const changed = result.affectedRows;
          const from = status === 'ongoing' ? 'completed' : 'ongoing';
          await adjustCounts(tx, countChange({ from, to: status }, changed), pickSlot);
          return changed;
        }),
      ),

    clearCompleted: () =>
      guarded(() =>
        db.transaction(async (tx) => {
          const [result] = await tx.delete(todos).where(eq(todos.status, 'completed'));
          await adjustCounts(tx, countChange({ from: 'completed' }, result.affectedRows), pickSlot);
          return result.affectedRows;
        }),
      ),
  };
}
