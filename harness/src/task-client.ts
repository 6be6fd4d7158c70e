import { bearer, TEST_ACCOUNT } from './accounts.js';

/**
 * The few api calls that tests and scripts make to put tasks in place before they look at
 * something else, as TEST_ACCOUNT unless told otherwise; each throws unless the api answers
 * as the contract says.
 */
async function call(
  apiUrl: string,
  method: string,
  path: string,
  body?: unknown,
  account = TEST_ACCOUNT,
) {
  const json: Record<string, string> =
    body === undefined ? {} : { 'content-type': 'application/json' };
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...json, ...(await bearer(account)) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response;
}

/** Adds a task; resolves with its id. */
export async function addTask(apiUrl: string, title: string, account?: string): Promise<number> {
  const response = await call(apiUrl, 'POST', '/v1/tasks', { title }, account);
  return ((await response.json()) as { id: number }).id;
}

export async function completeTask(apiUrl: string, id: number, account?: string): Promise<void> {
  const path = `/v1/tasks/${id}`;
  await (await call(apiUrl, 'PATCH', path, { status: 'completed' }, account)).body?.cancel();
}

/** Empties the list: marks everything completed, then clears the completed. */
export async function removeAllTasks(apiUrl: string, account?: string): Promise<void> {
  await (await call(apiUrl, 'PATCH', '/v1/tasks', { status: 'completed' }, account)).body?.cancel();
  await (
    await call(apiUrl, 'DELETE', '/v1/tasks?status=completed', undefined, account)
  ).body?.cancel();
}
