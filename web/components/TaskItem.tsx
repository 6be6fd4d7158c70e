'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ActionState, hasMessage, isSettledFailure } from '@/lib/tasks/action-state';
import type { RowButton } from '@/lib/tasks/row-buttons';
import type { TaskView } from '@/lib/tasks/types';
import { TaskEditForm } from './TaskEditForm';

/** The one form every row's toggle and delete buttons submit (their `form` attribute). */
export const ROW_FORM_ID = 'task-actions';

type Props = {
  task: TaskView;
  /** Open in edit mode: the no-JavaScript path links to `?edit=<id>`. */
  editingFromUrl: boolean;
  /** The list URL with `?edit=<id>` for this task, and the one to return to. */
  editHref: string;
  listHref: string;
  /** The answer of the rows' shared toggle/delete form, as far as it concerns this task. */
  rowState: ActionState;
  /** The list's rename form, its state narrowed to this task. */
  rename: {
    state: ActionState;
    formKey: string;
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  /** The element of this row the page focuses as it loads (focus-target.ts), if any. */
  autoFocus?: 'toggle' | 'edit' | undefined;
};

// Titles are whatever people typed, in any script: where one shows, it is its own bidi island
// (`dir="auto"`, which also isolates), so an override character inside it (`abc\u202Etxt.exe`)
// cannot reorder what is around it, and a right-to-left title reads right to left.
export function TaskItem(props: Props) {
  const { task, editingFromUrl, editHref, listHref, rowState, rename, autoFocus } = props;
  const [editing, setEditing] = useState(editingFromUrl);
  // An edit ended from the keyboard gives focus back to the row's ✎, not to <body>.
  const [refocus, setRefocus] = useState(false);
  const editLink = useRef<HTMLAnchorElement>(null);
  const completed = task.status === 'completed';
  const toggle: RowButton = completed ? 'reopen' : 'complete';
  const remove: RowButton = 'delete';
  const pending = task.id < 0;

  // A rename refused, not made or not confirmed goes back into edit mode with what was typed.
  useEffect(() => {
    if (isSettledFailure(rename.state)) setEditing(true);
  }, [rename.state]);

  useEffect(() => {
    if (editing || !refocus) return;
    editLink.current?.focus();
    setRefocus(false);
  }, [editing, refocus]);

  function closeEdit(fromKeyboard: boolean) {
    setEditing(false);
    setRefocus(fromKeyboard);
    // Opened by `?edit=<id>` with JavaScript running: the URL returns to the list as well.
    if (editingFromUrl) window.history.replaceState(null, '', listHref);
  }

  const classes = ['task', completed && 'completed', editing && 'editing', pending && 'pending']
    .filter(Boolean)
    .join(' ');

  if (editing && !pending) {
    return (
      <li className={classes}>
        <TaskEditForm
          task={task}
          state={rename.state}
          formKey={rename.formKey}
          onSubmit={rename.onSubmit}
          returnTo={listHref}
          openedByUrl={editingFromUrl}
          onClose={closeEdit}
        />
      </li>
    );
  }

  // The buttons submit the list's one row form (ROW_FORM_ID), named after what they do
  // (row-buttons.ts).
  const quiet = rowState.status === 'unconfirmed' && rowState.retrying;
  return (
    <li className={classes} aria-busy={pending || undefined}>
      <div className="task-view">
        <button
          type="submit"
          form={ROW_FORM_ID}
          name={toggle}
          value={task.id}
          className="toggle"
          aria-pressed={completed}
          aria-label={`Mark “${task.title}” done`}
          disabled={pending}
          // biome-ignore lint/a11y/noAutofocus: focus stays on the row a change without JavaScript was made on.
          autoFocus={autoFocus === 'toggle'}
        />
        {/* biome-ignore lint/a11y/noStaticElementInteractions: double-click is the TodoMVC shortcut; the Edit link is the keyboard way in. */}
        <span className="task-title" dir="auto" onDoubleClick={() => !pending && setEditing(true)}>
          {task.title}
        </span>
        {!pending && (
          <a
            ref={editLink}
            className="icon-button edit"
            href={editHref}
            // biome-ignore lint/a11y/noAutofocus: back on the ✎ of the task just renamed without JavaScript.
            autoFocus={autoFocus === 'edit'}
            onClick={(event) => {
              event.preventDefault();
              setEditing(true);
            }}
          >
            <span aria-hidden="true">✎</span>
            <span className="visually-hidden">Edit “{task.title}”</span>
          </a>
        )}
        <button
          type="submit"
          form={ROW_FORM_ID}
          name={remove}
          value={task.id}
          className="icon-button destroy"
          aria-label={`Delete “${task.title}”`}
          disabled={pending}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {hasMessage(rowState) && (
        <p
          className={quiet ? 'form-message quiet' : 'form-message'}
          role={quiet ? 'status' : 'alert'}
        >
          {rowState.message}
        </p>
      )}
    </li>
  );
}
