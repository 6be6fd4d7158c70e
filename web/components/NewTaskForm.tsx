'use client';

import { useEffect, useRef } from 'react';
import { addTask } from '@/lib/actions';
import { FormMessage } from './FormMessage';
import { useOptimisticForm } from './use-optimistic-form';

type Props = { onAdd: (title: string) => void };

/** "What needs to be done?": Enter adds the trimmed title; a refused title stays in the box. */
export function NewTaskForm({ onAdd }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const { state, formAction, onSubmit } = useOptimisticForm(addTask, (form) => {
    const title = String(form.get('title') ?? '').trim();
    if (title !== '') onAdd(title);
    if (input.current) input.current.value = '';
  });

  // Give the typed text back when the server refused it (JavaScript path; the server-rendered
  // form already carries it as its default value).
  useEffect(() => {
    if (state.status === 'error' && state.title !== undefined && input.current) {
      input.current.value = state.title;
      input.current.focus();
    }
  }, [state]);

  const invalid = state.status === 'error';
  return (
    <form className="new-task" action={formAction} onSubmit={onSubmit}>
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
        // biome-ignore lint/a11y/noAutofocus: TodoMVC focuses the new-task field on load.
        autoFocus
        defaultValue={state.status === 'error' ? (state.title ?? '') : ''}
        aria-invalid={invalid}
        aria-describedby="new-task-message"
      />
      <FormMessage id="new-task-message" state={state} />
    </form>
  );
}
