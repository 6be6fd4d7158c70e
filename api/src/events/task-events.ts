import type { TaskStatus } from '../limits.js';
import type { CountsDelta } from '../tasks/counts.js';
import type { Task } from '../tasks/task-view.js';

/**
 * What the change feed says happened, one event per write. Each carries the change in the
 * account's counts, so a client keeps its counters right without asking; tasks are whole, so
 * it can update a row in place. A client that cannot apply an event reloads.
 */
export type TaskEvent =
  | { kind: 'task.created'; task: Task; delta: CountsDelta }
  | { kind: 'task.updated'; task: Task; delta: CountsDelta }
  | { kind: 'task.deleted'; id: number; delta: CountsDelta }
  | { kind: 'tasks.marked'; status: TaskStatus; changed: number; delta: CountsDelta }
  | { kind: 'tasks.cleared'; ids: number[]; delta: CountsDelta }
  | { kind: 'tasks.restored'; tasks: Task[]; delta: CountsDelta }
  | { kind: 'tasks.adopted'; count: number; delta: CountsDelta };

export type TaskEventKind = TaskEvent['kind'];

/**
 * Events name at most this many tasks: a clear or a restore of more (thousands at once) says
 * `tasks.reload` instead, and the client reads the list again.
 */
export const MAX_TASKS_IN_EVENT = 200;

/** A stored event as the feed sends it: its number in the account's sequence, and what it says. */
export type FeedEntry = {
  seq: number;
  event: TaskEvent | { kind: 'tasks.reload'; delta: CountsDelta };
};
