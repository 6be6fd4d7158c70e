import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNDO_NOTICE_MS, UndoNotice } from '@/components/UndoNotice';
import * as actions from '@/lib/actions';
import { type ActionState, done, failed } from '@/lib/tasks/action-state';
import type { UndoOffer } from '@/lib/undo/offer';

// The undo offer on the page. Which task an undo restores, and for whom, is the command's and
// the api's business (commands.test.ts, the e2e suites); here: what it says, where it posts
// without JavaScript, and that with JavaScript it goes on its own, when dismissed, and never
// takes the focus.
vi.mock('@/lib/actions', () => ({ undoDelete: vi.fn(), undoClear: vi.fn() }));
const mocked = vi.mocked(actions);

const DELETED: UndoOffer = { kind: 'delete', id: 7, title: 'Buy milk' };
const CLEARED: UndoOffer = { kind: 'clear', batch: 'Zm9vYmFyYmF6cXV4', count: 3 };
type Initial = { 'undo-delete': ActionState | undefined; 'undo-clear': ActionState | undefined };
const NONE: Initial = { 'undo-delete': undefined, 'undo-clear': undefined };

function renderNotice(offer: UndoOffer | null, initial = NONE) {
  return render(
    <UndoNotice
      offer={offer}
      formKey="renderedFormKey-0123456789"
      returnTo="/"
      initial={initial}
    />,
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers();
});

afterEach(() => vi.useRealTimers());

describe('the undo offer', () => {
  it('says what was deleted in a polite status, with a form to /forms/undo-delete', () => {
    renderNotice(DELETED);
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('Deleted “Buy milk” · Undo');
    const form = screen.getByRole('button', { name: 'Undo' }).closest('form');
    expect(form).toHaveAttribute('action', '/forms/undo-delete');
    expect(form?.querySelector('input[name="id"]')).toHaveValue('7');
    expect(document.body).toHaveFocus();
  });

  it('says how many a clear took, with its batch for /forms/undo-clear', () => {
    renderNotice(CLEARED);
    expect(screen.getByRole('status')).toHaveTextContent('Cleared 3 completed tasks · Undo');
    const form = screen.getByRole('button', { name: 'Undo' }).closest('form');
    expect(form).toHaveAttribute('action', '/forms/undo-clear');
    expect(form?.querySelector('input[name="batch"]')).toHaveValue('Zm9vYmFyYmF6cXV4');
  });

  it('goes after ten seconds, and stays gone when the page renders the same offer again', () => {
    const { rerender } = renderNotice(DELETED);
    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS - 1));
    expect(screen.getByRole('status')).toHaveTextContent('Deleted “Buy milk”');
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole('status')).toHaveTextContent('');
    rerender(
      <UndoNotice
        offer={{ ...DELETED }}
        formKey="renderedFormKey-0123456789"
        returnTo="/"
        initial={NONE}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('stays while the focus or the pointer is in it, and goes ten seconds after they leave', () => {
    renderNotice(DELETED);
    const undo = screen.getByRole('button', { name: 'Undo' });
    act(() => undo.focus());
    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS * 3));
    expect(screen.getByRole('status')).toHaveTextContent('Deleted “Buy milk”');
    act(() => undo.blur());
    fireEvent.pointerEnter(screen.getByRole('status'));
    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS * 3));
    expect(screen.getByRole('status')).toHaveTextContent('Deleted “Buy milk”');
    fireEvent.pointerLeave(screen.getByRole('status'));
    act(() => vi.advanceTimersByTime(UNDO_NOTICE_MS));
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('goes when dismissed; a new offer shows again', () => {
    const { rerender } = renderNotice(DELETED);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('status')).toHaveTextContent('');
    rerender(
      <UndoNotice
        offer={CLEARED}
        formKey="renderedFormKey-0123456789"
        returnTo="/"
        initial={NONE}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Cleared 3 completed tasks');
  });

  it('posts the undo with JavaScript, and says when it can no longer be made', async () => {
    mocked.undoDelete.mockResolvedValue(failed('That can no longer be undone.'));
    renderNotice(DELETED);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    });
    const form = mocked.undoDelete.mock.calls[0]?.[1] as FormData;
    expect(form.get('id')).toBe('7');
    expect(screen.getByRole('status')).toHaveTextContent('That can no longer be undone.');
    // Not offered again.
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('shows the answer of an undo posted without JavaScript, without offering it again', () => {
    renderNotice(DELETED, { ...NONE, 'undo-delete': failed('That can no longer be undone.') });
    expect(screen.getByRole('status')).toHaveTextContent('That can no longer be undone.');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('puts the focus back in the new-task field once an undo is made and its offer gone', async () => {
    mocked.undoClear.mockResolvedValue(done());
    const input = document.createElement('input');
    input.id = 'new-task-title';
    document.body.append(input);
    const { rerender } = renderNotice(CLEARED);
    const undo = screen.getByRole('button', { name: 'Undo' });
    undo.focus();
    await act(async () => {
      fireEvent.click(undo);
    });
    expect(mocked.undoClear).toHaveBeenCalledTimes(1);
    expect(input).not.toHaveFocus();
    // The page the action refreshes has no offer left: the focused button goes with it.
    rerender(
      <UndoNotice offer={null} formKey="renderedFormKey-0123456789" returnTo="/" initial={NONE} />,
    );
    expect(input).toHaveFocus();
    input.remove();
  });
});
