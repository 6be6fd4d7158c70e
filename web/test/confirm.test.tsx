import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TodoApp } from '@/components/TodoApp';
import * as actions from '@/lib/actions';
import {
  type ActionState,
  done,
  failed,
  RETRYING_MESSAGE,
  unconfirmed,
} from '@/lib/tasks/action-state';
import { CONFIRM_DELAYS_MS, NO_ANSWER_MESSAGE, sendUntilConfirmed } from '@/lib/tasks/confirm';
import { FORM_KEY_PATTERN, newFormKey } from '@/lib/tasks/form-key';
import { deferred, pageOf, task } from './fixtures';

// With JavaScript: a form's key changes after every submission and is kept for the retries of
// that submission; a change whose outcome is unknown is sent again, the optimistic change
// staying on screen with a quiet notice, until it is confirmed or the tries run out.

vi.mock('@/lib/actions', () => import('./mocked-actions'));
vi.mock('next/link', () => import('./plain-link'));

const mocked = vi.mocked(actions);
const RENDERED_KEY = 'renderedFormKey-0123456789';
const NOT_CONFIRMED = 'The task service has not confirmed this change yet.';

const titles = () =>
  Array.from(document.querySelectorAll('.todo-list .task-title')).map((node) => node.textContent);
const message = () => document.querySelector('#new-task-message');
const formKeyField = () =>
  document.querySelector<HTMLInputElement>('.new-task input[name="formKey"]');
const sentKeys = () =>
  mocked.addTask.mock.calls.map(([, form]) => (form as FormData).get('formKey'));

function renderApp() {
  render(
    <TodoApp
      filter="all"
      page={pageOf([task('First')])}
      editId={undefined}
      listHref="/"
      nextHref={null}
      prevHref={null}
      firstHref={null}
      formKey={RENDERED_KEY}
    />,
  );
}

/** Types and submits; `fakeTimers` takes over the clock first, for the pauses between tries. */
async function add(title: string, { fakeTimers = false } = {}) {
  const input = screen.getByLabelText('New task') as HTMLInputElement;
  await userEvent.setup().type(input, title);
  if (fakeTimers) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  act(() => input.form?.requestSubmit());
}

beforeEach(() => {
  vi.resetAllMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a form key', () => {
  it('is 144 random bits in base64url, new each time', () => {
    const keys = new Set(Array.from({ length: 200 }, newFormKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(FORM_KEY_PATTERN);
  });

  it('changes after every submission, so the next change is a change of its own', async () => {
    mocked.addTask.mockImplementation(async () => done());
    renderApp();
    expect(formKeyField()?.value).toBe(RENDERED_KEY);
    await add('One');
    await act(async () => {});
    const second = formKeyField()?.value;
    expect(second).toMatch(FORM_KEY_PATTERN);
    expect(second).not.toBe(RENDERED_KEY);
    await add('Two');
    await act(async () => {});
    expect(sentKeys()).toEqual([RENDERED_KEY, second]);
    expect(formKeyField()?.value).not.toBe(second);
  });
});

describe('a change whose outcome is unknown', () => {
  it('stays on screen with a quiet notice while it is sent again, then shows what was confirmed', async () => {
    const retry = deferred<ActionState>();
    mocked.addTask
      .mockResolvedValueOnce(unconfirmed(NOT_CONFIRMED, { title: 'Second' }))
      .mockReturnValueOnce(retry.promise);
    renderApp();
    await add('Second', { fakeTimers: true });
    await act(async () => {});
    expect(message()).toHaveTextContent(RETRYING_MESSAGE);
    expect(message()).toHaveClass('quiet');
    expect(titles()).toEqual(['First', 'Second']);
    expect(mocked.addTask).toHaveBeenCalledTimes(1);

    await act(async () => vi.advanceTimersByTimeAsync(CONFIRM_DELAYS_MS[0] ?? 0));
    // The same form again, so the same key: the api makes the change once.
    expect(sentKeys()).toEqual([RENDERED_KEY, RENDERED_KEY]);
    expect(titles()).toEqual(['First', 'Second']);
    expect(message()).toHaveTextContent(RETRYING_MESSAGE);

    await act(async () => retry.resolve(done()));
    expect(message()).toHaveTextContent('');
    expect(screen.getByLabelText('New task')).toHaveValue('');
  });

  it('after the last try says so, gives back the text and keeps that submission’s key', async () => {
    mocked.addTask.mockImplementation(async () => unconfirmed(NOT_CONFIRMED, { title: 'Second' }));
    renderApp();
    await add('Second', { fakeTimers: true });
    await act(async () => {});
    expect(formKeyField()?.value).not.toBe(RENDERED_KEY);
    for (const delay of CONFIRM_DELAYS_MS) {
      await act(async () => vi.advanceTimersByTimeAsync(delay));
    }
    expect(mocked.addTask).toHaveBeenCalledTimes(CONFIRM_DELAYS_MS.length + 1);
    expect(new Set(sentKeys())).toEqual(new Set([RENDERED_KEY]));
    expect(message()).toHaveTextContent(NOT_CONFIRMED);
    expect(message()).not.toHaveClass('quiet');
    expect(titles()).toEqual(['First']);
    expect(screen.getByLabelText('New task')).toHaveValue('Second');
    // Sending it again is the same change under the same key.
    expect(formKeyField()?.value).toBe(RENDERED_KEY);
  });

  it('says "Nothing was changed" only when the server says so, without trying again', async () => {
    mocked.addTask.mockResolvedValue(failed('Nothing was changed.', { title: 'Second' }));
    renderApp();
    await add('Second');
    await vi.waitFor(() => expect(message()).toHaveTextContent('Nothing was changed.'));
    expect(mocked.addTask).toHaveBeenCalledTimes(1);
    expect(titles()).toEqual(['First']);
  });
});

describe('sendUntilConfirmed', () => {
  const noSleep = async () => {};

  it('sends again while unconfirmed, telling which task the notice is about', async () => {
    const answers = [unconfirmed('x', { taskId: 4 }), unconfirmed('x', { taskId: 4 }), done()];
    const notices: ActionState[] = [];
    const answer = await sendUntilConfirmed(async () => answers.shift() ?? done(), {
      sleep: noSleep,
      onRetry: (notice) => notices.push(notice),
    });
    expect(answer.status).toBe('done');
    expect(notices).toEqual([
      expect.objectContaining({ status: 'unconfirmed', retrying: true, taskId: 4 }),
      expect.objectContaining({ status: 'unconfirmed', retrying: true, taskId: 4 }),
    ]);
  });

  it('treats no answer at all as unknown, and stops after the last delay', async () => {
    const slept: number[] = [];
    let sends = 0;
    const answer = await sendUntilConfirmed(
      async () => {
        sends++;
        throw new TypeError('Failed to fetch');
      },
      {
        delays: [10, 20],
        sleep: async (ms) => {
          slept.push(ms);
        },
        onRetry: () => {},
      },
    );
    expect(sends).toBe(3);
    expect(slept).toEqual([10, 20]);
    expect(answer).toMatchObject({ status: 'unconfirmed', message: NO_ANSWER_MESSAGE });
  });

  it('returns a refusal at once', async () => {
    let sends = 0;
    const answer = await sendUntilConfirmed(
      async () => {
        sends++;
        return failed('no');
      },
      { sleep: noSleep, onRetry: () => {} },
    );
    expect(sends).toBe(1);
    expect(answer).toMatchObject({ status: 'error', message: 'no' });
  });
});
