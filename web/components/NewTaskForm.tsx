'use client';

import { useEffect, useRef } from 'react';
import { addTask } from '@/lib/actions';
import { formRoute } from '@/lib/commands/outcome';
import { type ActionState, hasMessage, isSettledFailure } from '@/lib/tasks/action-state';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';
import { useOptimisticForm } from './use-optimistic-form';

type Props = {
  onAdd: (title: string) => void;
  /** The server made the task (with JavaScript). */
  onAdded?: (title: string) => void;
  formKey: string;
  returnTo: string;
  initial?: ActionState;
};

/** "What needs to be done?": Enter adds the trimmed title; a refused title stays in the box. */
export function NewTaskForm({ onAdd, onAdded, formKey, returnTo, initial }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const form = useOptimisticForm(
    addTask,
    (data) => {
      const title = String(data.get('title') ?? '').trim();
      if (title !== '') onAdd(title);
      if (input.current) input.current.value = '';
    },
    {
      formKey,
      ...(initial ? { initial } : {}),
      onDone: (data) => onAdded?.(String(data.get('title') ?? '').trim()),
    },
  );
  const { state } = form;
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
    <form className="new-task" method="post" action={formRoute('add')} onSubmit={form.onSubmit}>
      <FormFields formKey={form.formKey} returnTo={returnTo} />
      <label htmlFor="new-task-title" className="visually-hidden">
        New task
      </label>
      <input
        ref={input}
        id="new-task-title"
        name="title"
        className="new-task-input"
        placeholder="What needs to be done?"
        autoComplete="off"
        dir="auto"
        // biome-ignore lint/a11y/noAutofocus: TodoMVC focuses the new-task field on load.
        autoFocus
        defaultValue={typed ?? ''}
        aria-invalid={invalid}
        aria-describedby="new-task-message"
      />
      <FormMessage id="new-task-message" state={state} onRetry={form.retry} />
    </form>
  );
}
