import type { Task, TaskPage, TaskStatus } from '../tasks/types';
import { authorizationFor } from './account-token';
import { apiClient } from './client';
import { distrustApi } from './readiness';
import {
  type ApiResult,
  notReached,
  readFailureFrom,
  unavailable,
  unconfirmed,
  writeFailureFrom,
} from './result';
import { neverReachedApi } from './transport-errors';

// A refused connection, a timeout or a reset all mean the same to a reader: the api is away.
async function read<T>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  let result: ApiResult<T>;
  try {
    result = await call();
  } catch {
    result = unavailable();
  }
  if (!result.ok && result.kind === 'unavailable') distrustApi();
  return result;
}

// How often a change whose outcome is unknown is sent again, with the same key, before the
// question goes back to the person (or their browser) who asked for it.
const CONFIRM_ATTEMPTS = 2;
const CONFIRM_PAUSE_MS = 250;

/**
 * Sends a change with its idempotency key. When its fate is unknown (the answer was lost, a
 * timeout, the same key still running) it is sent again with the same key: the api either
 * replays the stored answer or makes the change once. Never reports "not changed" unless the
 * api said so, or no connection was ever made, and then only while no earlier attempt could
 * still be under way: a first attempt lost in transit may yet be made, whatever the second hears.
 */
async function write<T>(
  key: string,
  call: (header: { 'idempotency-key': string }) => Promise<Response>,
  expected: number,
  value: (response: Response) => Promise<T>,
): Promise<ApiResult<T>> {
  let result: ApiResult<T> = unconfirmed();
  for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, CONFIRM_PAUSE_MS));
    try {
      const response = await call({ 'idempotency-key': key });
      if (response.status === expected) return { ok: true, value: await value(response) };
      result = await writeFailureFrom(response);
    } catch (error) {
      result = neverReachedApi(error) ? notReached() : unconfirmed();
    }
    if (attempt > 1 && !result.ok && result.kind === 'not-written') result = unconfirmed();
    if (result.ok || result.kind !== 'unconfirmed') break;
  }
  if (!result.ok && result.kind !== 'not-found' && result.kind !== 'rejected') distrustApi();
  return result;
}

/** One page: from the start, at a cursor, or the last one (`last`, instead of a cursor). */
export type ListQuery = { status?: TaskStatus; limit: number; cursor?: string; last?: boolean };
export type TaskPatch = { title?: string; status?: TaskStatus };
/** What a clear of the completed tasks did; `batch` names its undo (null: nothing cleared). */
export type Cleared = { deleted: number; batch: string | null };
export type Restored = { restored: number; items: Task[] };

/**
 * The api as one account sees it: every call carries that account's token (account-token.ts),
 * and the api serves that account's tasks only. Another account's task id is a 404, which the
 * forms show as "no longer exists", like a task deleted meanwhile.
 */
export type TaskApi = {
  listTasks(query: ListQuery): Promise<ApiResult<TaskPage>>;
  createTask(key: string, title: string): Promise<ApiResult<Task>>;
  updateTask(key: string, id: number, patch: TaskPatch): Promise<ApiResult<Task>>;
  deleteTask(key: string, id: number): Promise<ApiResult<null>>;
  markAllTasks(key: string, status: TaskStatus): Promise<ApiResult<{ updated: number }>>;
  clearCompletedTasks(key: string): Promise<ApiResult<Cleared>>;
  /** One task as it is now (a task in the trash, or another account's, is a 404). */
  readTask(id: number): Promise<ApiResult<Task>>;
  /** Undoes a delete within the api's undo window: 404 after it, or for a task not deleted. */
  restoreTask(key: string, id: number): Promise<ApiResult<Task>>;
  /** Undoes a clear: a batch past its window, or another account's, restores nothing. */
  restoreBatch(key: string, batch: string): Promise<ApiResult<Restored>>;
};

export function accountTasks(account: string): TaskApi {
  // Made (or taken from the cache) once per call of the api, retries included.
  const as = async () => ({ headers: await authorizationFor(account) });
  return {
    async listTasks(query) {
      const options = await as();
      return read(async () => {
        const response = await apiClient().v1.tasks.$get(
          {
            query: {
              limit: String(query.limit),
              ...(query.status ? { status: query.status } : {}),
              ...(query.cursor ? { cursor: query.cursor } : {}),
              ...(query.last ? { page: 'last' as const } : {}),
            },
          },
          options,
        );
        if (response.status !== 200) return readFailureFrom(response);
        return { ok: true, value: await response.json() };
      });
    },

    async createTask(key, title) {
      const options = await as();
      return write(
        key,
        (header) => apiClient().v1.tasks.$post({ header, json: { title } }, options),
        201,
        (response) => response.json() as Promise<Task>,
      );
    },

    async updateTask(key, id, patch) {
      const options = await as();
      return write(
        key,
        (header) =>
          apiClient().v1.tasks[':id'].$patch(
            { header, param: { id: String(id) }, json: patch },
            options,
          ),
        200,
        (response) => response.json() as Promise<Task>,
      );
    },

    async deleteTask(key, id) {
      const options = await as();
      return write(
        key,
        (header) =>
          apiClient().v1.tasks[':id'].$delete({ header, param: { id: String(id) } }, options),
        204,
        async () => null,
      );
    },

    async markAllTasks(key, status) {
      const options = await as();
      return write(
        key,
        (header) => apiClient().v1.tasks.$patch({ header, json: { status } }, options),
        200,
        (response) => response.json() as Promise<{ updated: number }>,
      );
    },

    async clearCompletedTasks(key) {
      const options = await as();
      return write(
        key,
        (header) =>
          apiClient().v1.tasks.$delete({ header, query: { status: 'completed' } }, options),
        200,
        (response) => response.json() as Promise<Cleared>,
      );
    },

    async readTask(id) {
      const options = await as();
      return read(async () => {
        const response = await apiClient().v1.tasks[':id'].$get(
          { param: { id: String(id) } },
          options,
        );
        if (response.status !== 200) return readFailureFrom(response);
        return { ok: true, value: (await response.json()) as Task };
      });
    },

    async restoreTask(key, id) {
      const options = await as();
      return write(
        key,
        (header) =>
          apiClient().v1.tasks[':id'].restore.$post({ header, param: { id: String(id) } }, options),
        200,
        (response) => response.json() as Promise<Task>,
      );
    },

    async restoreBatch(key, batch) {
      const options = await as();
      return write(
        key,
        (header) => apiClient().v1.tasks.restore.$post({ header, json: { batch } }, options),
        200,
        (response) => response.json() as Promise<Restored>,
      );
    },
  };
}
