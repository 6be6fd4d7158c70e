import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { todos, todoTrash } from '../db/schema.js';
import type { WriteDatabase } from '../db/write-transaction.js';
import { appendEvent } from '../events/feed-writer.js';
import { TASK_STATUSES, type TaskStatus } from '../limits.js';
import { adjustCounts, type CountsDelta, countChange, randomSlot } from './counts.js';
import { byId } from './task-reads.js';
import { type TaskRow, toTask } from './task-view.js';

export type TaskPatch = { title?: string | undefined; status?: TaskStatus | undefined };

/** Rows moved to the trash, or back, this many at a time: a clear of 100,000 stays bounded. */
const CHUNK = 1000;

const ownedBy = (owner: string) => eq(todos.ownerId, owner);
const newBatch = () => randomBytes(12).toString('base64url');

function sum(...deltas: CountsDelta[]): CountsDelta {
  return deltas.reduce(
    (total, delta) => ({
      ongoing: total.ongoing + delta.ongoing,
      completed: total.completed + delta.completed,
    }),
    { ongoing: 0, completed: 0 },
  );
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    result.push(items.slice(start, start + CHUNK));
  }
  return result;
}

/**
 * The statements of each write, run inside the transaction the caller opened (which also holds
 * the idempotency key). Each adjusts the account's counts and records its event in the change
 * feed in that same transaction, the event last, so nothing commits without the others.
 */
export function createTaskWrites(options: { pickSlot?: () => number } = {}) {
  const pickSlot = options.pickSlot ?? randomSlot;
  const counts = (tx: WriteDatabase, owner: string, delta: CountsDelta) =>
    adjustCounts(tx, owner, delta, pickSlot);

  const readRow = async (tx: WriteDatabase, owner: string, id: number) => {
    const [row] = await tx.select().from(todos).where(byId(owner, id));
    return row ?? null;
  };

  /** Moves rows (already locked by the caller) into the trash as one batch. */
  async function trash(tx: WriteDatabase, owner: string, rows: TaskRow[]): Promise<string> {
    const batch = newBatch();
    for (const part of chunks(rows)) {
      await tx.insert(todoTrash).values(
        part.map((row) => ({
          id: row.id,
          ownerId: owner,
          title: row.title,
          status: row.status,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
          batch,
        })),
      );
      await tx.delete(todos).where(
        and(
          ownedBy(owner),
          inArray(
            todos.id,
            part.map((row) => row.id),
          ),
        ),
      );
    }
    return batch;
  }

  return {
    async create(tx: WriteDatabase, owner: string, title: string): Promise<TaskRow> {
      const [created] = await tx.insert(todos).values({ title, ownerId: owner }).$returningId();
      if (!created) throw new Error('insert returned no id');
      const delta = countChange({ to: 'ongoing' });
      await counts(tx, owner, delta);
      const row = await readRow(tx, owner, created.id);
      if (!row) throw new Error('inserted row vanished');
      await appendEvent(tx, owner, { kind: 'task.created', task: toTask(row), delta });
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
      const moved = patch.status && patch.status !== current.status;
      const delta = moved
        ? countChange({ from: current.status, to: patch.status })
        : countChange({});
      await counts(tx, owner, delta);
      const row = await readRow(tx, owner, id);
      if (!row) throw new Error('updated row vanished');
      await appendEvent(tx, owner, { kind: 'task.updated', task: toTask(row), delta });
      return row;
    },

    /** Moves the task to the trash (Undo can bring it back); its batch names the undo. */
    async remove(tx: WriteDatabase, owner: string, id: number): Promise<string | null> {
      const [current] = await tx.select().from(todos).where(byId(owner, id)).for('update');
      if (!current) return null;
      const batch = await trash(tx, owner, [current]);
      const delta = countChange({ from: current.status });
      await counts(tx, owner, delta);
      await appendEvent(tx, owner, { kind: 'task.deleted', id, delta });
      return batch;
    },

    /** Sets every task of the account to `status`; the count comes from the UPDATE itself. */
    async markAll(tx: WriteDatabase, owner: string, status: TaskStatus): Promise<number> {
      const [result] = await tx
        .update(todos)
        .set({ status, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(and(ownedBy(owner), ne(todos.status, status)));
      const changed = result.affectedRows;
      const from = status === 'ongoing' ? 'completed' : 'ongoing';
      const delta = countChange({ from, to: status }, changed);
      await counts(tx, owner, delta);
      await appendEvent(tx, owner, { kind: 'tasks.marked', status, changed, delta });
      return changed;
    },

    /** Moves every completed task of the account to the trash, as one batch. */
    async clearCompleted(
      tx: WriteDatabase,
      owner: string,
    ): Promise<{ deleted: number; batch: string | null }> {
      // Locked first, then moved by id: a task completed meanwhile is not taken without a copy.
      const rows = await tx
        .select()
        .from(todos)
        .where(and(ownedBy(owner), eq(todos.status, 'completed')))
        .for('update');
      const delta = countChange({ from: 'completed' }, rows.length);
      const batch = rows.length > 0 ? await trash(tx, owner, rows) : null;
      await counts(tx, owner, delta);
      await appendEvent(tx, owner, {
        kind: 'tasks.cleared',
        ids: rows.map((row) => row.id),
        delta,
      });
      return { deleted: rows.length, batch };
    },

    /**
     * Puts tasks back from the trash as they were (id, title, status, timestamps): a whole
     * batch, or the one task with this id. Finds nothing once the undo window is over.
     */
    async restore(
      tx: WriteDatabase,
      owner: string,
      which: { batch: string } | { id: number },
    ): Promise<TaskRow[]> {
      const match =
        'batch' in which
          ? and(eq(todoTrash.ownerId, owner), eq(todoTrash.batch, which.batch))
          : and(eq(todoTrash.ownerId, owner), eq(todoTrash.id, which.id));
      const rows = await tx.select().from(todoTrash).where(match).for('update');
      if (rows.length === 0) return [];
      const restored: TaskRow[] = rows.map((row) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        ownerId: owner,
      }));
      for (const part of chunks(restored)) {
        await tx.insert(todos).values(part);
        await tx.delete(todoTrash).where(
          and(
            eq(todoTrash.ownerId, owner),
            inArray(
              todoTrash.id,
              part.map((row) => row.id),
            ),
          ),
        );
      }
      const delta = sum(...restored.map((row) => countChange({ to: row.status })));
      await counts(tx, owner, delta);
      restored.sort((a, b) => a.id - b.id);
      await appendEvent(tx, owner, {
        kind: 'tasks.restored',
        tasks: restored.map(toTask),
        delta,
      });
      return restored;
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
      const count = delta.ongoing + delta.completed;
      if (count === 0) return 0;
      await counts(tx, owner, delta);
      await appendEvent(tx, owner, { kind: 'tasks.adopted', count, delta });
      return count;
    },
  };
}

export type TaskWrites = ReturnType<typeof createTaskWrites>;

/** How long deleted tasks wait in the trash for an undo. */
export const UNDO_WINDOW_MINUTES = 10;
