// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { changeTask } from '@/lib/actions';
import type { TaskApi } from '@/lib/api/tasks';
import * as api from '@/lib/api/tasks';
import { ACCOUNT_HEADER, accountHeaderValue } from '@/lib/auth/request-account';
import { IDLE } from '@/lib/tasks/action-state';

// The rows' shared form, as anyone can post it: only one well-formed button reaches the api,
// as the signed-in account. The api client is replaced; what it does over a socket is
// api-client.test.ts's business.
const writes = vi.hoisted(() => ({
  listTasks: vi.fn(),
  updateTask: vi.fn(),
  deleteTask: vi.fn(),
  createTask: vi.fn(),
  markAllTasks: vi.fn(),
  clearCompletedTasks: vi.fn(),
  readTask: vi.fn(),
  restoreTask: vi.fn(),
  restoreBatch: vi.fn(),
}));
vi.mock('@/lib/api/tasks', () => ({ accountTasks: vi.fn(() => writes) }));
vi.mock('next/cache', () => ({ refresh: vi.fn() }));
// The request as proxy.ts passes it on: with the account it found, or signed out.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ has: () => false, set: vi.fn() }),
}));

const mocked = writes;

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.accountTasks).mockReturnValue(writes as unknown as TaskApi);
  request.headers = new Headers({
    [ACCOUNT_HEADER]: accountHeaderValue({ id: 'account-a', email: 'a@example.test' }),
  });
});

describe('changeTask', () => {
  it.each([
    ['no button', {}],
    ['two buttons', { complete: '7', delete: '7' }],
    ['an id that is not a number', { complete: 'seven' }],
    ['an id out of range', { delete: '2147483648' }],
    ['a negative id', { reopen: '-1' }],
    ['an unknown button', { toggle: '7' }],
  ])('refuses %s without calling the api', async (_case, fields) => {
    const state = await changeTask(IDLE, formOf(fields));
    expect(state).toMatchObject({ status: 'error' });
    expect(state).not.toHaveProperty('taskId');
    expect(mocked.updateTask).not.toHaveBeenCalled();
    expect(mocked.deleteTask).not.toHaveBeenCalled();
  });

  it.each([
    ['complete', { status: 'completed' }],
    ['reopen', { status: 'ongoing' }],
  ])('%s sets the status the button names', async (button, patch) => {
    mocked.updateTask.mockResolvedValue({
      ok: true,
      value: { id: 7, title: 'x', status: patch.status, createdAt: '', updatedAt: '' },
    } as Awaited<ReturnType<TaskApi['updateTask']>>);
    const state = await changeTask(IDLE, formOf({ [button]: '7' }));
    expect(state).toMatchObject({ status: 'done' });
    expect(mocked.updateTask).toHaveBeenCalledWith(expect.stringMatching(/^[\w-]{43}$/), 7, patch);
    // As the account proxy.ts found for the request, and no other.
    expect(api.accountTasks).toHaveBeenCalledWith('account-a');
  });

  it('names the task when the api refuses, so only its row shows the message', async () => {
    mocked.readTask.mockResolvedValue({ ok: false, kind: 'unavailable', message: 'away' });
    mocked.deleteTask.mockResolvedValue({ ok: false, kind: 'unavailable', message: 'away' });
    const state = await changeTask(IDLE, formOf({ delete: '7' }));
    expect(state).toMatchObject({ status: 'error', message: 'away', taskId: 7 });
  });
});

describe('a Server Action without a session', () => {
  it.each([
    ['no account header', () => new Headers()],
    [
      'a header the client wrote itself',
      () => new Headers({ [ACCOUNT_HEADER]: 'forged account-b b@example.test' }),
    ],
  ])('with %s is sent to sign in, and calls nothing', async (_case, headersOf) => {
    request.headers = headersOf();
    const call = changeTask(IDLE, formOf({ complete: '7' }));
    await expect(call).rejects.toMatchObject({ digest: expect.stringContaining('/sign-in') });
    expect(api.accountTasks).not.toHaveBeenCalled();
    expect(mocked.updateTask).not.toHaveBeenCalled();
  });
});
