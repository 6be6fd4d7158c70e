import type { Task, TaskPage, TaskStatus } from '../tasks/types';
import { apiClient } from './client';
import { distrustApi } from './readiness';
import { type ApiResult, failureFrom, unavailable } from './result';

// A refused connection, a timeout or a reset all mean the same to the user: the api is away.
async function attempt<T>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  let result: ApiResult<T>;
  try {
    result = await call();
  } catch {
    result = unavailable();
  }
  if (!result.ok && result.kind === 'unavailable') distrustApi();
  return result;
}

export type ListQuery = { status?: TaskStatus; limit: number; cursor?: string };

export function listTasks(query: ListQuery): Promise<ApiResult<TaskPage>> {
  return attempt(async () => {
    const response = await apiClient().v1.tasks.$get({
      query: {
        limit: String(query.limit),
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      },
    });
    if (response.status !== 200) return failureFrom(response);
    return { ok: true, value: await response.json() };
  });
}

export function createTask(title: string): Promise<ApiResult<Task>> {
  return attempt(async () => {
    const response = await apiClient().v1.tasks.$post({ json: { title } });
    if (response.status !== 201) return failureFrom(response);
    return { ok: true, value: await response.json() };
  });
}

export type TaskPatch = { title?: string; status?: TaskStatus };

export function updateTask(id: number, patch: TaskPatch): Promise<ApiResult<Task>> {
  return attempt(async () => {
    const response = await apiClient().v1.tasks[':id'].$patch({
      param: { id: String(id) },
      json: patch,
    });
    if (response.status !== 200) return failureFrom(response);
    return { ok: true, value: await response.json() };
  });
}

export function deleteTask(id: number): Promise<ApiResult<null>> {
  return attempt(async () => {
    const response = await apiClient().v1.tasks[':id'].$delete({ param: { id: String(id) } });
    if (response.status !== 204) return failureFrom(response);
    return { ok: true, value: null };
  });
}

export function markAllTasks(status: TaskStatus): Promise<ApiResult<{ updated: number }>> {
  return attempt(async () => {
    const response = await apiClient().v1.tasks.$patch({ json: { status } });
    if (response.status !== 200) return failureFrom(response);
    return { ok: true, value: await response.json() };
  });
}

export function clearCompletedTasks(): Promise<ApiResult<{ deleted: number }>> {
  return attempt(async () => {
    const response = await apiClient().v1.tasks.$delete({ query: { status: 'completed' } });
    if (response.status !== 200) return failureFrom(response);
    return { ok: true, value: await response.json() };
  });
}
