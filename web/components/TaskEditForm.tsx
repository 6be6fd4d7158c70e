'use client';

import { type FormEvent, useRef } from 'react';
import type { ActionState } from '@/lib/tasks/action-state';
import type { TaskView } from '@/lib/tasks/types';
import { FormMessage } from './FormMessage';

type Props = {
  task: TaskView;
  state: ActionState;
  formAction: (form: FormData) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** Set when rendered for `?edit=<id>` (no JavaScript): Save and Cancel buttons, and a way back. */
  returnTo: string | undefined;
  onClose: () => void;
};

/** Edit mode of a task: Enter or leaving the field saves, Escape cancels, an empty title deletes. */
export function TaskEditForm({ task, state, formAction, onSubmit, returnTo, onClose }: Props) {
  const finished = useRef(false);
  const messageId = `task-${task.id}-edit-message`;
  const typed = state.status === 'error' && state.title !== undefined ? state.title : task.title;

  function submit(event: FormEvent<HTMLFormElement>) {
    finished.current = true;
    onSubmit(event);
    onClose();
  }

  return (
    <form className="task-edit" action={formAction} onSubmit={submit}>
      <input type="hidden" name="id" value={task.id} />
      {returnTo !== undefined && <input type="hidden" name="returnTo" value={returnTo} />}
      <label htmlFor={`task-${task.id}-title`} className="visually-hidden">
        New title for “{task.title}”
      </label>
      <input
        id={`task-${task.id}-title`}
        name="title"
        className="edit-input"
        defaultValue={typed}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the field the user just asked to edit takes focus.
        autoFocus
        aria-invalid={state.status === 'error'}
        aria-describedby={messageId}
        onFocus={(event) => {
          const length = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(length, length);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            finished.current = true;
            onClose();
          }
        }}
        onBlur={(event) => {
          // Moving to this form's own Save or Cancel is not leaving the edit.
          if (finished.current || event.currentTarget.form?.contains(event.relatedTarget)) return;
          event.currentTarget.form?.requestSubmit();
        }}
      />
      {returnTo !== undefined && (
        <span className="edit-actions">
          <button type="submit" className="text-button">
            Save
          </button>
          <a className="text-button" href={returnTo}>
            Cancel
          </a>
        </span>
      )}
      <FormMessage id={messageId} state={state} />
    </form>
  );
}
