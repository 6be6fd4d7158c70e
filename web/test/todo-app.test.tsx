import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TodoApp } from '@/components/TodoApp';
import * as actions from '@/lib/actions';
import { type ActionState, failed } from '@/lib/tasks/action-state';
import type { TaskPage } from '@/lib/tasks/types';
import { deferred, pageOf, task } from './fixtures';

// The client components with the Server Actions replaced: these tests are about what the
// browser shows while an action runs and after it answers.
vi.mock('@/lib/actions', () => import('./mocked-actions'));
vi.mock('next/link', () => import('./plain-link'));

const mocked = vi.mocked(actions);

const RENDERED_KEY = 'renderedFormKey-0123456789';

function renderApp(page: TaskPage, filter: 'all' | 'active' | 'completed' = 'all') {
  return render(
    <TodoApp
      filter={filter}
      page={page}
      editId={undefined}
      listHref="/"
      nextHref={null}
      prevHref={null}
      firstHref={null}
      formKey={RENDERED_KEY}
    />,
  );
}

const titles = () =>
  Array.from(document.querySelectorAll('.todo-list .task-title')).map((node) => node.textContent);

beforeEach(() => {
  vi.resetAllMocks();
});

describe('an empty list', () => {
  it('shows only the new-task field: no list, no footer', () => {
    renderApp(pageOf([]));
    expect(screen.getByLabelText('New task')).toHaveFocus();
    expect(document.querySelector('.main')).toBeNull();
    expect(document.querySelector('.footer')).toBeNull();
  });
});

describe('the items-left count', () => {
  it.each([
    [['ongoing', 'ongoing'], '2 items left'],
    [['ongoing', 'completed'], '1 item left'],
    [['completed'], '0 items left'],
  ] as const)('for %j reads "%s"', (statuses, text) => {
    renderApp(pageOf(statuses.map((status, index) => task(`Task ${index}`, status))));
    expect(document.querySelector('.todo-count')).toHaveTextContent(text);
  });

  it('shows "Clear completed" only when something is completed', () => {
    const { unmount } = renderApp(pageOf([task('Open')]));
    expect(screen.queryByRole('button', { name: 'Clear completed' })).toBeNull();
    unmount();
    renderApp(pageOf([task('Done', 'completed')]));
    expect(screen.getByRole('button', { name: 'Clear completed' })).toBeVisible();
  });
});

describe('edit mode', () => {
  it('opens on double-click with the title focused, and Escape leaves it unchanged', async () => {
    const user = userEvent.setup();
    renderApp(pageOf([task('Water the plants')]));
    await user.dblClick(screen.getByText('Water the plants'));
    const field = screen.getByLabelText('New title for “Water the plants”');
    expect(field).toHaveFocus();
    expect(field).toHaveValue('Water the plants');
    await user.clear(field);
    await user.type(field, 'Something else{Escape}');
    expect(screen.queryByLabelText('New title for “Water the plants”')).toBeNull();
    expect(titles()).toEqual(['Water the plants']);
    expect(mocked.renameTask).not.toHaveBeenCalled();
  });

  it('opens from the Edit link, and saving shows the new title at once', async () => {
    const user = userEvent.setup();
    const answer = deferred<ActionState>();
    mocked.renameTask.mockReturnValue(answer.promise);
    renderApp(pageOf([task('Call mum')]));
    await user.click(screen.getByRole('link', { name: 'Edit “Call mum”' }));
    const field = screen.getByLabelText('New title for “Call mum”');
    await user.clear(field);
    await user.type(field, 'Call dad');
    // user-event submits implicitly only a form with a single input (this one also carries the
    // task id); Chromium's Enter is covered end to end.
    act(() => (field as HTMLInputElement).form?.requestSubmit());
    // Optimistic: shown before the server has answered.
    expect(titles()).toEqual(['Call dad']);
    const form = mocked.renameTask.mock.calls[0]?.[1] as FormData;
    expect(form.get('title')).toBe('Call dad');
    await act(async () => answer.resolve({ status: 'done', at: 1 }));
  });

  it('comes back with the typed title and the message when the rename is refused', async () => {
    const user = userEvent.setup();
    const mum = task('Call mum');
    mocked.renameTask.mockResolvedValue(
      failed('The task service is not answering.', { title: 'Call dad', taskId: mum.id }),
    );
    renderApp(pageOf([mum]));
    await user.dblClick(screen.getByText('Call mum'));
    const field = screen.getByLabelText('New title for “Call mum”');
    await user.clear(field);
    await user.type(field, 'Call dad');
    await act(async () => (field as HTMLInputElement).form?.requestSubmit());
    const reopened = await screen.findByLabelText('New title for “Call mum”');
    expect(reopened).toHaveValue('Call dad');
    expect(document.querySelector('.task-edit .form-message')).toHaveTextContent(
      'The task service is not answering.',
    );
  });

  it('saves when the field loses focus', async () => {
    const user = userEvent.setup();
    mocked.renameTask.mockResolvedValue({ status: 'done', at: 1 });
    renderApp(pageOf([task('Read')]));
    await user.dblClick(screen.getByText('Read'));
    await user.type(screen.getByLabelText('New title for “Read”'), ' a book');
    await user.click(screen.getByLabelText('New task'));
    expect(mocked.renameTask).toHaveBeenCalledTimes(1);
  });
});

describe('optimistic changes', () => {
  it('adds a task at once, and takes it back with a message and the typed text if refused', async () => {
    const user = userEvent.setup();
    const answer = deferred<ActionState>();
    mocked.addTask.mockReturnValue(answer.promise);
    renderApp(pageOf([task('First')]));
    const input = screen.getByLabelText('New task') as HTMLInputElement;
    await user.type(input, '  Second  ');
    // user-event submits on Enter only a form with a single input, and this one also carries
    // its key and return address; Chromium's Enter is covered end to end.
    act(() => input.form?.requestSubmit());
    expect(titles()).toEqual(['First', 'Second']);
    expect(input).toHaveValue('');
    expect(document.querySelector('.todo-count')).toHaveTextContent('2 items left');

    await act(async () =>
      answer.resolve(failed('The task service is not answering.', { title: '  Second  ' })),
    );
    expect(titles()).toEqual(['First']);
    expect(document.querySelector('.todo-count')).toHaveTextContent('1 item left');
    expect(document.querySelector('#new-task-message')).toHaveTextContent(
      'The task service is not answering.',
    );
    expect(input).toHaveValue('  Second  ');
  });

  it('toggles at once and rolls back with a message when the api refuses', async () => {
    const user = userEvent.setup();
    const answer = deferred<ActionState>();
    mocked.changeTask.mockReturnValue(answer.promise);
    const cat = task('Feed the cat');
    renderApp(pageOf([cat, task('Water the plants', 'completed')]));
    const toggle = screen.getByRole('button', { name: 'Mark “Feed the cat” done' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    // Every task done now: the mark-all button offers to reopen them.
    expect(screen.getByRole('button', { name: 'Mark all as not done' })).toBeInTheDocument();

    const form = mocked.changeTask.mock.calls[0]?.[1] as FormData;
    // The shared form carries its key and the list to return to, then only the pressed button.
    expect([...form.keys()].filter((key) => !key.startsWith('$'))).toEqual([
      'formKey',
      'returnTo',
      'complete',
    ]);
    expect(form.get('formKey')).toBe(RENDERED_KEY);
    expect(form.get('returnTo')).toBe('/');
    expect(form.get('complete')).toBe(String(cat.id));

    await act(async () =>
      answer.resolve(failed('That task no longer exists. Reload the list.', { taskId: cat.id })),
    );
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: 'Mark all as done' })).toBeInTheDocument();
    const item = screen.getByText('Feed the cat').closest('li') as HTMLElement;
    expect(within(item).getByRole('alert')).toHaveTextContent('That task no longer exists.');
    // Only the row the refusal is about shows it.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('drops a task from the Active view at once when it is completed', async () => {
    const user = userEvent.setup();
    mocked.changeTask.mockReturnValue(new Promise(() => {}));
    renderApp(pageOf([task('Go'), task('Stay')]), 'active');
    await user.click(screen.getByRole('button', { name: 'Mark “Go” done' }));
    expect(titles()).toEqual(['Stay']);
  });
});
