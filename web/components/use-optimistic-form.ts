'use client';

import { type FormEvent, startTransition, useActionState } from 'react';
import { type ActionState, IDLE } from '@/lib/tasks/action-state';

type ServerAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

/**
 * A form bound to a Server Action that works both ways: without JavaScript the form posts
 * (`formAction` is progressively enhanced by React); with it, `onSubmit` applies the optimistic
 * change and dispatches the action in one transition, so the change shows at once and is
 * dropped again if the action fails.
 */
export function useOptimisticForm(action: ServerAction, optimistic: (form: FormData) => void) {
  const [state, formAction, pending] = useActionState(action, IDLE);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => {
      optimistic(form);
      formAction(form);
    });
  }

  return { state, formAction, onSubmit, pending };
}
