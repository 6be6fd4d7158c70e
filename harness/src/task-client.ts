/**
 * The few api calls that tests and scripts make to put tasks in place before they look at
 * something else; each throws unless the api answers as the contract says.
 */
async function call(apiUrl: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response;
}

/** Adds a task; resolves with its id. */
export async function addTask(apiUrl: string, title: string): Promise<number> {
  const response = await call(apiUrl, 'POST', '/v1/tasks', { title });
  return ((await response.json()) as { id: number }).id;
}

export async function completeTask(apiUrl: string, id: number): Promise<void> {
  await (await call(apiUrl, 'PATCH', `/v1/tasks/${id}`, { status: 'completed' })).body?.cancel();
}

/** Empties the list: marks everything completed, then clears the completed. */
export async function removeAllTasks(apiUrl: string): Promise<void> {
  await (await call(apiUrl, 'PATCH', '/v1/tasks', { status: 'completed' })).body?.cancel();
  await (await call(apiUrl, 'DELETE', '/v1/tasks?status=completed')).body?.cancel();
}
