'use client';

import {
  type FormEvent,
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
} from 'react';
import { type ActionState, IDLE, withTypedTitle } from '@/lib/tasks/action-state';
import { sendUntilConfirmed } from '@/lib/tasks/confirm';
import { FORM_KEY_FIELD, newFormKey } from '@/lib/tasks/form-key';

type ServerAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

type Options = {
  /** The key the server rendered into the form (a fresh one per page). */
  formKey: string;
  /** The answer the page was rendered with (a failed form posted without JavaScript). */
  initial?: ActionState;
  /** Called with the form sent once the server says its change was made. */
  onDone?: (form: FormData) => void;
};

/**
 * A form whose submission, with JavaScript, calls its Server Action: `onSubmit` applies the
 * optimistic change and sends the form in one transition, so the change shows at once, stays
 * while the outcome is unknown and is sent again (the same form, so the same idempotency key),
 * and falls away only if the change was not made. Without JavaScript the form posts to its
 * /forms/ route instead (its `action` attribute), and none of this runs.
 *
 * The form's key changes after every submission, so the next change asked of it is a change of
 * its own; after an answer of "not confirmed" it goes back to that submission's key, so that
 * sending the same thing again is the same change, made at most once.
 */
export function useOptimisticForm(
  action: ServerAction,
  optimistic: (form: FormData) => void,
  { formKey: renderedKey, initial = IDLE, onDone }: Options,
) {
  const [formKey, setFormKey] = useState(renderedKey);
  const [notice, setNotice] = useState<ActionState | null>(null);
  const [state, dispatch, pending] = useActionState(
    async (previous: ActionState, form: FormData) => {
      const answer = withTypedTitle(
        await sendUntilConfirmed(() => action(previous, form), { onRetry: setNotice }),
        form,
      );
      const key = form.get(FORM_KEY_FIELD);
      if (answer.status === 'unconfirmed' && typeof key === 'string') setFormKey(key);
      // In the same transition as the answer, so it shows with the refreshed page.
      if (answer.status === 'done') onDone?.(form);
      return answer;
    },
    initial,
  );

  // The final answer replaces the "retrying" notice.
  useEffect(() => {
    if (state) setNotice(null);
  }, [state]);

  // The last submission, for `retry`: the form and the button that sent it.
  const sent = useRef<{ form: HTMLFormElement; submitter: HTMLElement | null } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    sent.current = { form: event.currentTarget, submitter };
    const form = new FormData(event.currentTarget, submitter);
    setFormKey(newFormKey());
    startTransition(() => {
      optimistic(form);
      dispatch(form);
    });
  }

  /**
   * Sends the last submission again as the form now stands: after "not confirmed" it carries
   * that submission's key again (so the change is made at most once) and the text given back.
   */
  function retry() {
    const last = sent.current;
    if (!last?.form.isConnected) return;
    const submitter = last.submitter?.isConnected ? last.submitter : null;
    last.form.requestSubmit(submitter);
  }

  return { state: notice ?? state, formKey, onSubmit, pending, retry };
}
