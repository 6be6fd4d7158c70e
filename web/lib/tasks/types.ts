import type { InferResponseType } from 'hono/client';
import type { ApiClient } from '../api/client';

// Every task type is read off the api's routes (AppType), never copied: when the api's
// contract changes, the web stops compiling where it no longer fits.
export type TaskPage = InferResponseType<ApiClient['v1']['tasks']['$get'], 200>;
export type Task = TaskPage['items'][number];
export type TaskStatus = Task['status'];
export type TaskCounts = TaskPage['counts'];

/** What the browser needs of a task: the list sends no more than it shows. */
export type TaskView = Pick<Task, 'id' | 'title' | 'status'>;
