'use client';

import { type FormEvent, useRef } from 'react';
import { formRoute } from '@/lib/commands/outcome';
import { CANCEL_EDIT_ROUTE } from '@/lib/forms/cancel-edit';
import { type ActionState, hasMessage, isSettledFailure } from '@/lib/tasks/action-state';
import type { TaskView } from '@/lib/tasks/types';
import { RENDERED_TITLE_FIELD } from '@/lib/tasks/unchanged-title';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';
import { useAfterPointerRelease } from './use-after-pointer-release';
import { useHydrated } from './use-hydrated';

type Props = {
  task: TaskView;
  state: ActionState;
  formKey: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The list this edit belongs to, where the form returns without JavaScript. */
  returnTo: string;
  /** Opened by `?edit=<id>` (the way in without JavaScript): Save and Cancel buttons. */
  openedByUrl: boolean;
  /** `refocus`: the edit ended from the keyboard, so focus goes back to the row's ✎. */
  onClose: (refocus: boolean) => void;
};

type TitleField = HTMLInputElement | HTMLTextAreaElement;

const LINE_BREAKS = /\r\n?|\n/g;

// Where CSS cannot size a field to its content (`field-sizing`), its height follows the text.
function fitHeight(field: HTMLTextAreaElement) {
  // No CSS.supports at all (jsdom): nothing to learn, nothing to do.
  if (typeof CSS === 'undefined' || typeof CSS.supports !== 'function') return;
  if (CSS.supports('field-sizing', 'content')) return;
  field.style.height = 'auto';
  field.style.height = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
}

/**
 * Edit mode of a task: Enter or leaving the field saves, Escape cancels, an empty title deletes,
 * an unchanged one closes without asking the server anything.
 */
export function TaskEditForm(props: Props) {
  const { task, state, formKey, onSubmit, returnTo, openedByUrl, onClose } = props;
  const finished = useRef(false);
  // Saved by leaving the field: focus is where the person went, not back on the row.
  const leaving = useRef(false);
  const afterRelease = useAfterPointerRelease();
  // Without JavaScript the field is an input, where Enter submits the form; with it, a textarea
  // that grows to show a long title whole, Enter still saving (titles hold no line breaks).
  const multiline = useHydrated();
  const messageId = `task-${task.id}-edit-message`;
  const typed = isSettledFailure(state) && hasMessage(state) ? state.title : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    finished.current = true;
    // Cancel (the `?edit=` form's button): with JavaScript, as Escape does.
    if (
      (event.nativeEvent as SubmitEvent).submitter?.getAttribute('formaction') === CANCEL_EDIT_ROUTE
    ) {
      event.preventDefault();
      onClose(true);
      return;
    }
    const field = event.currentTarget.elements.namedItem('title') as TitleField | null;
    if (field && field.value.trim() === task.title) {
      event.preventDefault();
    } else {
      onSubmit(event);
    }
    onClose(!leaving.current);
  }

  const fieldProps = {
    id: `task-${task.id}-title`,
    name: 'title',
    className: 'edit-input',
    dir: 'auto',
    defaultValue: typed ?? task.title,
    autoComplete: 'off',
    'aria-invalid': isSettledFailure(state),
    'aria-describedby': messageId,
  } as const;

  return (
    <form className="task-edit" method="post" action={formRoute('rename')} onSubmit={submit}>
      <FormFields formKey={formKey} returnTo={returnTo} />
      <input type="hidden" name="id" value={task.id} />
      <input type="hidden" name={RENDERED_TITLE_FIELD} value={task.title} />
      <label htmlFor={`task-${task.id}-title`} className="visually-hidden">
        New title for “{task.title}”
      </label>
      {multiline ? (
        <textarea
          {...fieldProps}
          rows={1}
          // biome-ignore lint/a11y/noAutofocus: the field the user just asked to edit takes focus.
          autoFocus
          onFocus={(event) => {
            const length = event.currentTarget.value.length;
            event.currentTarget.setSelectionRange(length, length);
            fitHeight(event.currentTarget);
          }}
          onInput={(event) => {
            // A pasted line break becomes a space.
            const field = event.currentTarget;
            const flat = field.value.replace(LINE_BREAKS, ' ');
            if (flat !== field.value) field.value = flat;
            fitHeight(field);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              finished.current = true;
              onClose(true);
            } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
          onBlur={(event) => {
            const field = event.currentTarget;
            // Moving to this form's own Save or Cancel is not leaving the edit.
            if (finished.current || field.form?.contains(event.relatedTarget)) return;
            afterRelease(() => {
              if (finished.current) return;
              // Refused, and not changed since: leaving gives up rather than asks again.
              if (typed !== undefined && field.value === typed) {
                finished.current = true;
                onClose(false);
                return;
              }
              leaving.current = true;
              field.form?.requestSubmit();
            });
          }}
        />
      ) : (
        // biome-ignore lint/a11y/noAutofocus: the field the user asked to edit (`?edit=`) takes focus.
        <input {...fieldProps} autoFocus />
      )}
      {openedByUrl && (
        <span className="edit-actions">
          <button type="submit" className="text-button">
            Save
          </button>
          {/* Posts to a route that only redirects, so focus returns to ✎ on a clean URL. */}
          <button type="submit" className="text-button" formAction={CANCEL_EDIT_ROUTE}>
            Cancel
          </button>
        </span>
      )}
      <FormMessage id={messageId} state={state} />
    </form>
  );
}
