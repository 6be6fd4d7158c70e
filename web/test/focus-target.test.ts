// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  CLEAR_FOCUS_COOKIE,
  FOCUS_HEADER,
  focusCookie,
  focusHintOf,
} from '@/lib/forms/focus-cookie';
import {
  focusHintAfter,
  formatFocusHint,
  neighbourOf,
  parseFocusHint,
  resolveFocus,
} from '@/lib/tasks/focus-target';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('a focus hint', () => {
  it('reads back what it writes', () => {
    for (const hint of [
      { element: 'toggle', id: 12 },
      { element: 'edit', id: 2_147_483_647 },
      { element: 'toggle-all' },
      { element: 'new-task' },
    ] as const) {
      expect(parseFocusHint(formatFocusHint(hint))).toEqual(hint);
    }
  });

  it('is nothing when malformed or out of range: it comes from outside', () => {
    for (const text of [
      '',
      'toggle',
      'toggle.',
      'toggle.0',
      'toggle.-1',
      'toggle.1e3',
      'toggle.2147483648',
      'destroy.4',
      'edit.4 ',
      'new-task.1',
      'NEW-TASK',
      'toggle-all.1',
      null,
      undefined,
    ]) {
      expect(parseFocusHint(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('travels in a cookie used once, and in a header only proxy.ts sets', () => {
    expect(focusCookie({ element: 'edit', id: 3 })).toBe(
      'todo-focus=edit.3; Path=/; HttpOnly; SameSite=Lax',
    );
    expect(CLEAR_FOCUS_COOKIE).toContain('Max-Age=0');
    expect(focusHintOf(new Headers({ [FOCUS_HEADER]: 'toggle.9' }))).toEqual({
      element: 'toggle',
      id: 9,
    });
    expect(focusHintOf(new Headers({ [FOCUS_HEADER]: '<script>' }))).toBeUndefined();
  });
});

describe('the row next to one that goes', () => {
  it('is the one after it, else the one before it, else none', () => {
    expect(neighbourOf([1, 4, 9], 4)).toBe(9);
    expect(neighbourOf([1, 4, 9], 9)).toBe(4);
    expect(neighbourOf([4], 4)).toBeUndefined();
    // Already gone from the list (the page after a delete without JavaScript).
    expect(neighbourOf([1, 9], 4)).toBe(9);
    expect(neighbourOf([1, 2], 4)).toBe(2);
    // A task still being added (negative id) has no toggle to focus yet.
    expect(neighbourOf([1, 4, -1], 4)).toBe(1);
  });
});

describe('where focus goes on a page', () => {
  it('is the edit field of ?edit= first, then the hinted row, its neighbour, or the new-task field', () => {
    const ids = [3, 5, 8];
    expect(resolveFocus({ element: 'toggle', id: 5 }, ids, 8)).toEqual({
      element: 'edit-field',
      id: 8,
    });
    expect(resolveFocus({ element: 'edit', id: 5 }, ids, undefined)).toEqual({
      element: 'edit',
      id: 5,
    });
    expect(resolveFocus({ element: 'toggle', id: 6 }, ids, undefined)).toEqual({
      element: 'toggle',
      id: 8,
    });
    expect(resolveFocus({ element: 'edit', id: 9 }, ids, undefined)).toEqual({
      element: 'toggle',
      id: 8,
    });
    expect(resolveFocus({ element: 'toggle', id: 6 }, [], undefined)).toEqual({
      element: 'new-task',
    });
    expect(resolveFocus(undefined, ids, undefined)).toEqual({ element: 'new-task' });
    // An `?edit=` of a task not on this page edits nothing.
    expect(resolveFocus(undefined, ids, 4)).toEqual({ element: 'new-task' });
  });

  it('is the mark-all toggle after pressing it, while the page shows one', () => {
    const hint = { element: 'toggle-all' } as const;
    expect(resolveFocus(hint, [3], undefined, true)).toEqual(hint);
    // A view the press emptied still shows the toggle: the account has tasks.
    expect(resolveFocus(hint, [], undefined, true)).toEqual(hint);
    // Every task deleted meanwhile (elsewhere): no toggle, the new-task field.
    expect(resolveFocus(hint, [], undefined, false)).toEqual({ element: 'new-task' });
    expect(resolveFocus(hint, [3], 3, true)).toEqual({ element: 'edit-field', id: 3 });
  });

  it('after a change without JavaScript: the row it was made on, the mark-all toggle, the new-task field otherwise', () => {
    expect(focusHintAfter('change', form({ delete: '7' }))).toEqual({ element: 'toggle', id: 7 });
    expect(focusHintAfter('change', form({ complete: '7' }))).toEqual({
      element: 'toggle',
      id: 7,
    });
    expect(focusHintAfter('rename', form({ id: '7', title: 'New' }))).toEqual({
      element: 'edit',
      id: 7,
    });
    // An emptied title deleted the task: its neighbour's toggle.
    expect(focusHintAfter('rename', form({ id: '7', title: '  ' }))).toEqual({
      element: 'toggle',
      id: 7,
    });
    expect(focusHintAfter('change', form({ delete: 'x' }))).toEqual({ element: 'new-task' });
    expect(focusHintAfter('change', form({ delete: '7', complete: '7' }))).toEqual({
      element: 'new-task',
    });
    expect(focusHintAfter('add', form({ title: 'A' }))).toEqual({ element: 'new-task' });
    expect(focusHintAfter('clear-completed', form({}))).toEqual({ element: 'new-task' });
    expect(focusHintAfter('mark-all', undefined)).toEqual({ element: 'toggle-all' });
  });
});
