'use client';

import { type FormEvent, useCallback, useEffect, useRef } from 'react';
import { addTask } from '@/lib/actions';
import { formRoute } from '@/lib/commands/outcome';
import { type ActionState, hasMessage, isSettledFailure } from '@/lib/tasks/action-state';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';
import { NEW_TASK_INPUT_ID } from './focus-moves';
import { NEW_TASK_SHORTCUTS, useNewTaskShortcut } from './use-new-task-shortcut';
import { useOptimisticForm } from './use-optimistic-form';

type Props = {
  onAdd: (title: string) => void;
  /** The server made the task (with JavaScript). */
  onAdded?: (title: string) => void;
  formKey: string;
  returnTo: string;
  initial?: ActionState;
  /** Whether the page focuses this field as it loads (not when something else should be). */
  autoFocus: boolean;
};

/** "What needs to be done?": Enter adds the trimmed title; a refused title stays in the box. */
export function NewTaskForm({ onAdd, onAdded, formKey, returnTo, initial, autoFocus }: Props) {
  const input = useRef<HTMLInputElement>(null);
  // Emptied by an add and not typed in since: a second Enter (a quick double press) is not a
  // request to add an empty title, and asks nothing.
  const clearedByAdd = useRef(false);
  const form = useOptimisticForm(
    addTask,
    (data) => {
      const title = String(data.get('title') ?? '').trim();
      if (title !== '') onAdd(title);
      if (input.current) input.current.value = '';
      clearedByAdd.current = true;
    },
    {
      formKey,
      ...(initial ? { initial } : {}),
      onDone: (data) => onAdded?.(String(data.get('title') ?? '').trim()),
    },
  );
  const { state } = form;
  useNewTaskShortcut(useCallback(() => input.current?.focus(), []));

  function submit(event: FormEvent<HTMLFormElement>) {
    if (clearedByAdd.current && input.current?.value.trim() === '') {
      event.preventDefault();
      return;
    }
    form.onSubmit(event);
  }
  const invalid = isSettledFailure(state);
  const typed = invalid && hasMessage(state) ? state.title : undefined;

  // Give the typed text back when the change was refused, not made or not confirmed
  // (JavaScript path; the server-rendered form already carries it as its default value).
  useEffect(() => {
    const back = isSettledFailure(state) && hasMessage(state) ? state.title : undefined;
    if (back !== undefined && input.current) {
      input.current.value = back;
      input.current.focus();
    }
  }, [state]);

  return (
    <form className="new-task" method="post" action={formRoute('add')} onSubmit={submit}>
      <FormFields formKey={form.formKey} returnTo={returnTo} />
      <label htmlFor={NEW_TASK_INPUT_ID} className="visually-hidden">
        New task
      </label>
      <input
        ref={input}
        id={NEW_TASK_INPUT_ID}
        name="title"
        className="new-task-input"
        placeholder="What needs to be done?"
        autoComplete="off"
        dir="auto"
        // biome-ignore lint/a11y/noAutofocus: TodoMVC focuses the new-task field on load.
        autoFocus={autoFocus}
        defaultValue={typed ?? ''}
        onInput={() => {
          clearedByAdd.current = false;
        }}
        aria-invalid={invalid}
        aria-describedby="new-task-message new-task-shortcuts"
        aria-keyshortcuts={NEW_TASK_SHORTCUTS.join(' ')}
      />
      <p id="new-task-shortcuts" className="visually-hidden">
        Press n or / anywhere on the page to come back to this field.
      </p>
      <FormMessage id="new-task-message" state={state} onRetry={form.retry} />
    </form>
  );
}
