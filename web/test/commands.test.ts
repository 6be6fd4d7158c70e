// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '@/lib/api/result';
import { INVALID_REQUEST, runCommand, type TaskWrites } from '@/lib/commands/commands';
import { actionStateOf, type Failure, httpStatusOf } from '@/lib/commands/outcome';
import { task } from './fixtures';

// The command layer both the Server Actions and the no-JavaScript form routes run: what it
// refuses before calling the api, which idempotency key each intent gets, and what each
// outcome becomes. The api is a recorder here; over a socket it is api-client.test.ts's and
// the e2e suites' business.

type Call = { method: keyof TaskWrites; key: string; args: unknown[] };

/** Records the writes; a read (the title before a delete) answers `read`, and is no write. */
function recorder(
  answer: ApiResult<unknown> = { ok: true, value: null },
  read: ApiResult<unknown> = { ok: true, value: task('Buy milk') },
) {
  const calls: Call[] = [];
  const record =
    (method: keyof TaskWrites) =>
    async (key: string, ...args: unknown[]) => {
      calls.push({ method, key, args });
      return answer as never;
    };
  const api: TaskWrites = {
    createTask: record('createTask'),
    updateTask: record('updateTask'),
    deleteTask: record('deleteTask'),
    markAllTasks: record('markAllTasks'),
    clearCompletedTasks: record('clearCompletedTasks'),
    restoreTask: record('restoreTask'),
    restoreBatch: record('restoreBatch'),
    readTask: async () => read as never,
  };
  return { api, calls };
}

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const KEY_A = 'renderingA-0123456789abc';
const KEY_B = 'renderingB-0123456789abc';

describe('what a command refuses before calling the api', () => {
  it.each([
    ['nothing', undefined],
    ['an array', []],
    ['a string', 'title=x'],
    ['a plain object', { title: 'x' }],
  ])('anything but a form (%s) is an invalid request', async (_case, argument) => {
    const { api, calls } = recorder();
    expect(await runCommand('add', argument, api)).toEqual({
      ok: false,
      kind: 'invalid',
      message: INVALID_REQUEST,
    });
    expect(calls).toEqual([]);
  });

  it('a title the api would refuse is a validation failure that keeps the typed text', async () => {
    const { api, calls } = recorder();
    for (const [typed, message] of [
      ['   ', 'Enter a title.'],
      ['x'.repeat(256), 'Keep the title to 255 characters or fewer.'],
      ['\u200B\u2060\u3164', 'Enter a title with at least one visible character.'],
      ['bell\u0007', 'The title cannot contain control characters.'],
    ] as const) {
      expect(await runCommand('add', formOf({ title: typed }), api)).toEqual({
        ok: false,
        kind: 'validation',
        message,
        title: typed,
      });
    }
    expect(calls).toEqual([]);
  });

  it('a rename needs a real task id, and mark-all a real status', async () => {
    const { api, calls } = recorder();
    for (const id of ['', '0', 'x', '2147483648']) {
      const outcome = await runCommand('rename', formOf({ id, title: 'x' }), api);
      expect(outcome).toMatchObject({ ok: false, kind: 'invalid' });
    }
    for (const status of ['', 'done', 'ONGOING']) {
      const outcome = await runCommand('mark-all', formOf({ status }), api);
      expect(outcome).toMatchObject({ ok: false, kind: 'invalid' });
    }
    expect(calls).toEqual([]);
  });
});

describe('a rename saved with the title it was rendered with', () => {
  it('asks the api nothing, however the title was spaced', async () => {
    const { api, calls } = recorder();
    for (const title of ['Buy milk', '  Buy milk ']) {
      const form = formOf({ id: '7', title, renderedTitle: 'Buy milk' });
      expect(await runCommand('rename', form, api)).toEqual({ ok: true });
    }
    expect(calls).toEqual([]);
  });

  it('still renames a changed title, and deletes an emptied one', async () => {
    const { api, calls } = recorder();
    await runCommand('rename', formOf({ id: '7', title: 'Buy bread', renderedTitle: 'x' }), api);
    await runCommand('rename', formOf({ id: '7', title: ' ', renderedTitle: ' ' }), api);
    expect(calls.map((call) => call.method)).toEqual(['updateTask', 'deleteTask']);
    expect(calls[0]?.args).toEqual([7, { title: 'Buy bread' }]);
  });

  it('a forged rendered title lets nothing through that the api would refuse', async () => {
    const { api, calls } = recorder();
    for (const title of ['x'.repeat(256), 'bell\u0007', '\u200B']) {
      const form = formOf({ id: '7', title, renderedTitle: title });
      expect(await runCommand('rename', form, api)).toMatchObject({
        ok: false,
        kind: 'validation',
      });
    }
    const badId = formOf({ id: 'x', title: 'Same', renderedTitle: 'Same' });
    expect(await runCommand('rename', badId, api)).toMatchObject({ ok: false, kind: 'invalid' });
    expect(calls).toEqual([]);
  });
});

describe('the idempotency key of an intent', () => {
  async function keyOf(command: Parameters<typeof runCommand>[0], fields: Record<string, string>) {
    // One answer that fits every write: a clear's and a restore's fields included.
    const { api, calls } = recorder({
      ok: true,
      value: { deleted: 1, batch: 'Zm9vYmFyYmF6cXV4', restored: 1, items: [] },
    });
    expect(await runCommand(command, formOf(fields), api)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(1);
    return calls[0]?.key as string;
  }

  it('is the same for the same form rendering and the same intent (a resubmission)', async () => {
    const first = await keyOf('add', { formKey: KEY_A, title: 'Buy milk' });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await keyOf('add', { formKey: KEY_A, title: '  Buy milk ' })).toBe(first);
  });

  it('differs for another rendering, another title, another button or another task', async () => {
    const keys = [
      await keyOf('add', { formKey: KEY_A, title: 'Buy milk' }),
      await keyOf('add', { formKey: KEY_B, title: 'Buy milk' }),
      await keyOf('add', { formKey: KEY_A, title: 'Buy bread' }),
      // Back, then another button of the same rendering: a change of its own.
      await keyOf('change', { formKey: KEY_A, complete: '7' }),
      await keyOf('change', { formKey: KEY_A, delete: '7' }),
      await keyOf('change', { formKey: KEY_A, complete: '8' }),
      await keyOf('rename', { formKey: KEY_A, id: '7', title: 'Buy milk' }),
      await keyOf('mark-all', { formKey: KEY_A, status: 'completed' }),
      await keyOf('mark-all', { formKey: KEY_A, status: 'ongoing' }),
      await keyOf('clear-completed', { formKey: KEY_A }),
      await keyOf('undo-delete', { formKey: KEY_A, id: '7' }),
      await keyOf('undo-delete', { formKey: KEY_A, id: '8' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is new for every request when the form carries no usable key', async () => {
    const once = await keyOf('add', { title: 'Buy milk' });
    const twice = await keyOf('add', { formKey: 'short', title: 'Buy milk' });
    expect(once).not.toBe(twice);
  });

  it('is shared by the two ways of deleting a task: the same change', async () => {
    const byButton = await keyOf('change', { formKey: KEY_A, delete: '7' });
    const byEmptyTitle = await keyOf('rename', { formKey: KEY_A, id: '7', title: '  ' });
    expect(byEmptyTitle).toBe(byButton);
  });
});

describe('what the api answered, as the caller sees it', () => {
  it('a task already gone is what a delete asked for', async () => {
    const { api } = recorder({ ok: false, kind: 'not-found', message: 'gone' });
    expect(await runCommand('change', formOf({ delete: '7' }), api)).toEqual({ ok: true });
    expect(await runCommand('rename', formOf({ id: '7', title: '' }), api)).toEqual({ ok: true });
    expect(await runCommand('change', formOf({ complete: '7' }), api)).toEqual({
      ok: false,
      kind: 'not-found',
      message: 'gone',
      taskId: 7,
    });
  });

  it('a failure names the task and keeps the typed text', async () => {
    const { api } = recorder({ ok: false, kind: 'unconfirmed', message: 'not confirmed' });
    expect(await runCommand('rename', formOf({ id: '7', title: 'New' }), api)).toEqual({
      ok: false,
      kind: 'unconfirmed',
      message: 'not confirmed',
      title: 'New',
      taskId: 7,
    });
  });

  it.each([
    ['invalid', 400, 'error'],
    ['validation', 400, 'error'],
    ['not-found', 404, 'error'],
    ['rejected', 422, 'error'],
    ['not-written', 503, 'error'],
    ['unavailable', 503, 'error'],
    ['unconfirmed', 503, 'unconfirmed'],
  ] as const)('%s: page status %i, form state %s', (kind, status, state) => {
    const failure: Failure = { ok: false, kind, message: 'm', title: 't', taskId: 3 };
    expect(httpStatusOf(failure)).toBe(status);
    expect(actionStateOf(failure)).toMatchObject({
      status: state,
      message: 'm',
      title: 't',
      taskId: 3,
    });
  });
});

describe('undo', () => {
  const BATCH = 'Zm9vYmFyYmF6cXV4';

  it('a delete made offers its undo, with the title read before it', async () => {
    const { api, calls } = recorder();
    const outcome = await runCommand('change', formOf({ formKey: KEY_A, delete: '7' }), api);
    expect(outcome).toEqual({ ok: true, undo: { kind: 'delete', id: 7, title: 'Buy milk' } });
    expect(calls.map((call) => call.method)).toEqual(['deleteTask']);
    // An emptied title deletes too, and is offered the same way.
    expect(await runCommand('rename', formOf({ id: '7', title: ' ' }), api)).toEqual(outcome);
  });

  it('a title that could not be read still lets the delete go ahead, offered untitled', async () => {
    const { api } = recorder(
      { ok: true, value: null },
      { ok: false, kind: 'unavailable', message: 'away' },
    );
    expect(await runCommand('change', formOf({ delete: '7' }), api)).toEqual({
      ok: true,
      undo: { kind: 'delete', id: 7 },
    });
  });

  it('a clear offers its batch, and a clear of nothing offers nothing', async () => {
    const cleared = recorder({ ok: true, value: { deleted: 3, batch: BATCH } });
    expect(await runCommand('clear-completed', formOf({}), cleared.api)).toEqual({
      ok: true,
      undo: { kind: 'clear', batch: BATCH, count: 3 },
    });
    const nothing = recorder({ ok: true, value: { deleted: 0, batch: null } });
    expect(await runCommand('clear-completed', formOf({}), nothing.api)).toEqual({ ok: true });
  });

  it('refuses an id or a batch the api would refuse, before calling it', async () => {
    const { api, calls } = recorder();
    for (const id of ['', '0', '1e3', '2147483648', ' 7']) {
      expect(await runCommand('undo-delete', formOf({ id }), api)).toMatchObject({
        ok: false,
        kind: 'invalid',
      });
    }
    for (const batch of ['', 'short', `${BATCH}x`, 'Zm9vYmFyYmF6cXV+', 'Zm9vYmFyYmF6cXV=']) {
      expect(await runCommand('undo-clear', formOf({ batch }), api)).toMatchObject({
        ok: false,
        kind: 'invalid',
      });
    }
    expect(calls).toEqual([]);
  });

  it('restores what it names, once per form rendering', async () => {
    const { api, calls } = recorder({ ok: true, value: { restored: 2, items: [] } });
    expect(await runCommand('undo-clear', formOf({ formKey: KEY_A, batch: BATCH }), api)).toEqual({
      ok: true,
    });
    expect(await runCommand('undo-clear', formOf({ formKey: KEY_A, batch: BATCH }), api)).toEqual({
      ok: true,
    });
    expect(calls.map(({ method, args }) => [method, args])).toEqual([
      ['restoreBatch', [BATCH]],
      ['restoreBatch', [BATCH]],
    ]);
    expect(calls[0]?.key).toBe(calls[1]?.key);
  });

  it('says it can no longer be undone for a 404, or a batch that restored nothing', async () => {
    const gone = recorder({ ok: false, kind: 'not-found', message: 'That task no longer exists.' });
    expect(await runCommand('undo-delete', formOf({ id: '7' }), gone.api)).toEqual({
      ok: false,
      kind: 'not-found',
      message: 'That can no longer be undone.',
    });
    const empty = recorder({ ok: true, value: { restored: 0, items: [] } });
    expect(await runCommand('undo-clear', formOf({ batch: BATCH }), empty.api)).toEqual({
      ok: false,
      kind: 'not-found',
      message: 'That can no longer be undone.',
    });
    const away = recorder({ ok: false, kind: 'unconfirmed', message: 'not confirmed' });
    expect(await runCommand('undo-delete', formOf({ id: '7' }), away.api)).toMatchObject({
      kind: 'unconfirmed',
    });
  });
});
