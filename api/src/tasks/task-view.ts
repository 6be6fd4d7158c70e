import type { todos } from '../db/schema.js';

export type TaskRow = typeof todos.$inferSelect;

/** MySQL's DATETIME text, stored in UTC, as ISO 8601: '2026-01-31 12:00:00.000' → '…T…Z'. */
const isoTime = (value: string) => `${value.replace(' ', 'T')}Z`;

/** A task as the api speaks of it, in answers and in the change feed alike. */
export function toTask(row: Pick<TaskRow, 'id' | 'title' | 'status' | 'createdAt' | 'updatedAt'>) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    createdAt: isoTime(row.createdAt),
    updatedAt: isoTime(row.updatedAt),
  };
}

export type Task = ReturnType<typeof toTask>;
