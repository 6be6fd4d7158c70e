'use client';

import { type FormEvent, useRef } from 'react';
import { formRoute } from '@/lib/commands/outcome';
import { type ActionState, hasMessage, isSettledFailure } from '@/lib/tasks/action-state';
import type { TaskView } from '@/lib/tasks/types';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';

type Props = {
  task: TaskView;
  state: ActionState;
  formKey: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The list this edit belongs to, where the form returns without JavaScript. */
  returnTo: string;
  /** Opened by `?edit=<id>` (the way in without JavaScript): Save and Cancel buttons. */
  openedByUrl: boolean;
  onClose: () => void;
};

/** Edit mode of a task: Enter or leaving the field saves, Escape cancels, an empty title deletes. */
export function TaskEditForm(props: Props) {
  const { task, state, formKey, onSubmit, returnTo, openedByUrl, onClose } = props;
  const finished = useRef(false);
  const messageId = `task-${task.id}-edit-message`;
  const typed = isSettledFailure(state) && hasMessage(state) ? state.title : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    finished.current = true;
    onSubmit(event);
    onClose();
  }

  return (
    <form className="task-edit" method="post" action={formRoute('rename')} onSubmit={submit}>
      <FormFields formKey={formKey} returnTo={returnTo} />
      <input type="hidden" name="id" value={task.id} />
      <label htmlFor={`task-${task.id}-title`} className="visually-hidden">
        New title for “{task.title}”
      </label>
      <input
        id={`task-${task.id}-title`}
        name="title"
        className="edit-input"
        dir="auto"
        defaultValue={typed ?? task.title}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the field the user just asked to edit takes focus.
        autoFocus
        aria-invalid={isSettledFailure(state)}
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
      {openedByUrl && (
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
