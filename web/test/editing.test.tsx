import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TodoApp } from '@/components/TodoApp';
import * as actions from '@/lib/actions';
import { type ActionState, failed } from '@/lib/tasks/action-state';
import type { TaskPage } from '@/lib/tasks/types';
import { deferred, pageOf, task } from './fixtures';

// Editing, focus and the keyboard in the client components, the Server Actions replaced;
// Chromium covers the same end to end (e2e/editing.e2e.ts).
vi.mock('@/lib/actions', () => import('./mocked-actions'));
vi.mock('next/link', () => ({ default: () => null }));

const mocked = vi.mocked(actions);

function renderApp(page: TaskPage, editId?: number) {
  return render(
    <TodoApp
      filter="all"
      page={page}
      editId={editId}
      listHref="/"
      nextHref={null}
      prevHref={null}
      firstHref={null}
      formKey="renderedFormKey-0123456789"
    />,
  );
}

const editLink = (title: string) => screen.getByRole('link', { name: `Edit “${title}”` });
const editField = (title: string) =>
  screen.getByLabelText(`New title for “${title}”`) as HTMLTextAreaElement;

beforeEach(() => {
  vi.resetAllMocks();
});

describe('the editor', () => {
  it('closes on an unchanged title without asking the server, focus back on ✎', async () => {
    const user = userEvent.setup();
    renderApp(pageOf([task('Read')]));
    await user.click(editLink('Read'));
    expect(editField('Read').tagName).toBe('TEXTAREA');
    await user.type(editField('Read'), '  {Enter}');
    expect(screen.queryByLabelText('New title for “Read”')).toBeNull();
    expect(mocked.renameTask).not.toHaveBeenCalled();
    expect(editLink('Read')).toHaveFocus();

    await user.click(editLink('Read'));
    await user.keyboard('{Escape}');
    expect(editLink('Read')).toHaveFocus();
  });

  it('opened by ?edit=, Cancel closes it as Escape does: nothing sent, focus on ✎', async () => {
    const user = userEvent.setup();
    const read = task('Read');
    renderApp(pageOf([read]), read.id);
    const form = editField('Read').closest('form') as HTMLFormElement;
    // Without JavaScript, Save compares against this (lib/tasks/unchanged-title.ts).
    expect(new FormData(form).get('renderedTitle')).toBe('Read');
    await user.type(editField('Read'), ' later');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByLabelText('New title for “Read”')).toBeNull();
    expect(mocked.renameTask).not.toHaveBeenCalled();
    expect(editLink('Read')).toHaveFocus();
  });

  it('saves on Enter without a line break, and turns a pasted one into a space', async () => {
    const user = userEvent.setup();
    mocked.renameTask.mockResolvedValue({ status: 'done', at: 1 });
    renderApp(pageOf([task('Read')]));
    await user.click(editLink('Read'));
    await user.paste(' a\nbook');
    expect(editField('Read')).toHaveValue('Read a book');
    await user.keyboard('{Enter}');
    const form = mocked.renameTask.mock.calls[0]?.[1] as FormData;
    expect(form.get('title')).toBe('Read a book');
  });

  it('after a refusal, closes when left with the text unchanged, without sending it again', async () => {
    const user = userEvent.setup();
    const read = task('Read');
    mocked.renameTask.mockResolvedValue(
      failed('Keep the title to 255 characters or fewer.', { title: 'Read!', taskId: read.id }),
    );
    renderApp(pageOf([read]));
    await user.click(editLink('Read'));
    await user.type(editField('Read'), '!{Enter}');
    await waitFor(() => expect(editField('Read')).toHaveValue('Read!'));
    await user.click(screen.getByLabelText('New task'));
    await waitFor(() => expect(screen.queryByLabelText('New title for “Read”')).toBeNull());
    expect(mocked.renameTask).toHaveBeenCalledTimes(1);
  });
});

describe('focus', () => {
  it('goes to the next row after a delete, or the previous one, then to the new-task field', async () => {
    const user = userEvent.setup();
    const answer = deferred<ActionState>();
    mocked.changeTask.mockReturnValue(answer.promise);
    renderApp(pageOf([task('One'), task('Two')]));
    await user.click(screen.getByRole('button', { name: 'Delete “One”' }));
    expect(screen.getByRole('button', { name: 'Mark “Two” done' })).toHaveFocus();
    await act(async () => answer.resolve({ status: 'done', at: 1 }));
  });

  it('n or / reach the new-task field, not while typing and not with a modifier', async () => {
    const user = userEvent.setup();
    renderApp(pageOf([task('Read')]));
    const newTask = screen.getByLabelText('New task');
    expect(newTask).toHaveAttribute('aria-keyshortcuts', 'n /');
    const toggle = screen.getByRole('button', { name: 'Mark “Read” done' });
    act(() => toggle.focus());
    await user.keyboard('n');
    expect(newTask).toHaveFocus();
    expect(newTask).toHaveValue('');
    act(() => toggle.focus());
    await user.keyboard('{Control>}n{/Control}');
    expect(toggle).toHaveFocus();
    await user.keyboard('/');
    expect(newTask).toHaveFocus();
    await user.click(editLink('Read'));
    await user.keyboard('n');
    expect(editField('Read')).toHaveValue('Readn');
  });
});

describe('the new-task field', () => {
  it('takes a second Enter on the field an add emptied as nothing, with no message', async () => {
    const user = userEvent.setup();
    const answer = deferred<ActionState>();
    mocked.addTask.mockReturnValue(answer.promise);
    renderApp(pageOf([]));
    const input = screen.getByLabelText('New task') as HTMLInputElement;
    await user.type(input, 'Milk');
    act(() => input.form?.requestSubmit());
    act(() => input.form?.requestSubmit());
    expect(mocked.addTask).toHaveBeenCalledTimes(1);
    await act(async () => answer.resolve({ status: 'done', at: 1 }));
    expect(document.querySelector('#new-task-message')).toHaveTextContent('');
    // Typed into since: an empty title is refused as before.
    mocked.addTask.mockResolvedValue(failed('Enter a title.'));
    await user.type(input, ' ');
    await act(async () => input.form?.requestSubmit());
    expect(mocked.addTask).toHaveBeenCalledTimes(2);
  });
});
