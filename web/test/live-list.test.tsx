import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TodoApp } from '@/components/TodoApp';
import * as actions from '@/lib/actions';
import type { ActionState } from '@/lib/tasks/action-state';
import type { Task, TaskPage } from '@/lib/tasks/types';
import { deferred, pageOf, task } from './fixtures';
import { routerCalls } from './setup';

// The list's live updates in the browser, with the stream played by hand: what the page does
// with each change of the feed. The stream itself (/events) is tested end to end.

vi.mock('@/lib/actions', () => import('./mocked-actions'));
vi.mock('next/link', () => import('./plain-link'));

/** The one stream the page opens, driven by the test. */
class PlayedStream extends EventTarget {
  static opened: PlayedStream[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readyState = PlayedStream.CONNECTING;
  constructor(readonly url: string) {
    super();
    PlayedStream.opened.push(this);
  }
  close() {
    this.readyState = PlayedStream.CLOSED;
  }
  send(type: string, seq: number, data: unknown) {
    act(() => {
      this.dispatchEvent(
        new MessageEvent(type, { data: JSON.stringify(data), lastEventId: String(seq) }),
      );
    });
  }
}

const stream = () => {
  const opened = PlayedStream.opened.at(-1);
  if (!opened) throw new Error('no stream opened');
  return opened;
};
const titles = () =>
  Array.from(document.querySelectorAll('.todo-list .task-title')).map((node) => node.textContent);
const notice = () => document.querySelector('.live-notice');
const created = (made: Task) => ({
  kind: 'task.created',
  task: made,
  delta: { ongoing: 1, completed: 0 },
});

function renderApp(page: TaskPage, filter: 'all' | 'active' = 'all') {
  return render(
    <TodoApp
      filter={filter}
      page={page}
      editId={undefined}
      listHref="/"
      nextHref={page.nextCursor ? '/?cursor=next' : null}
      prevHref={null}
      firstHref={null}
      formKey="renderedFormKey-0123456789"
    />,
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  PlayedStream.opened = [];
  vi.stubGlobal('EventSource', PlayedStream);
});
afterEach(() => vi.unstubAllGlobals());

describe('changes made elsewhere', () => {
  it('follow the feed from the number the page was rendered with, and show in place', () => {
    renderApp({ ...pageOf([task('Here already')]), seq: 7 });
    expect(stream().url).toBe('/events?after=7');
    stream().send('change', 8, created(task('From the other tab')));
    expect(titles()).toEqual(['Here already', 'From the other tab']);
    expect(document.querySelector('.todo-count')).toHaveTextContent('2 items left');
    // The same change again (a resumed stream) is not shown twice, nor one the page includes.
    stream().send('change', 8, created(task('From the other tab')));
    stream().send('change', 6, created(task('Older than the page')));
    expect(titles()).toEqual(['Here already', 'From the other tab']);
  });

  it('are counted, with a link, when they belong on a later page', () => {
    renderApp({ ...pageOf([task('First page')]), nextCursor: 'next', seq: 1 });
    stream().send('change', 2, created(task('Far away')));
    expect(titles()).toEqual(['First page']);
    expect(notice()).toHaveTextContent('A task was added on a later page.');
    expect(screen.getByRole('link', { name: 'Go to the next page' })).toHaveAttribute(
      'href',
      '/?cursor=next',
    );
  });

  it('read the page again when they cannot be shown in place', () => {
    renderApp({ ...pageOf([task('Open')]), seq: 3 }, 'active');
    expect(routerCalls.refresh).not.toHaveBeenCalled();
    stream().send('change', 4, {
      kind: 'tasks.marked',
      status: 'completed',
      changed: 1,
      delta: { ongoing: -1, completed: 1 },
    });
    expect(routerCalls.refresh).toHaveBeenCalledTimes(1);
    stream().send('reload', 9, {});
    expect(routerCalls.refresh).toHaveBeenCalledTimes(2);
  });

  it('wait while a change of ours is pending, so its echo is not shown twice', async () => {
    const user = userEvent.setup();
    const answer = deferred<ActionState>();
    vi.mocked(actions.addTask).mockReturnValue(answer.promise);
    renderApp({ ...pageOf([]), seq: 1 });
    const input = screen.getByLabelText('New task') as HTMLInputElement;
    await user.type(input, 'Mine');
    act(() => input.form?.requestSubmit());
    expect(titles()).toEqual(['Mine']);
    stream().send('change', 2, created(task('Mine')));
    expect(titles()).toEqual(['Mine']);
    await act(async () => answer.resolve({ status: 'done', at: 1 }));
    // The action's own refresh is not part of this test: the held echo now stands for it.
    expect(titles()).toEqual(['Mine']);
    expect(document.querySelector('.todo-count')).toHaveTextContent('1 item left');
  });

  it('say quietly when they stop arriving', () => {
    vi.useFakeTimers();
    try {
      renderApp({ ...pageOf([task('Open')]), seq: 1 });
      act(() => {
        stream().dispatchEvent(new Event('open'));
      });
      expect(notice()).toHaveTextContent('');
      act(() => {
        stream().dispatchEvent(new Event('error'));
        vi.advanceTimersByTime(3500);
      });
      expect(notice()).toHaveTextContent('Offline, reconnecting…');
      act(() => {
        stream().dispatchEvent(new Event('open'));
      });
      expect(notice()).toHaveTextContent('');
    } finally {
      vi.useRealTimers();
    }
  });
});
