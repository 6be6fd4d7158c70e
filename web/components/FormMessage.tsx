import { type ActionState, hasMessage } from '@/lib/tasks/action-state';

/**
 * The inline answer of a form, announced politely to screen readers when it changes. A change
 * being confirmed is a quiet notice; a change refused, not made or not confirmed, a message.
 */
export function FormMessage({ id, state }: { id: string; state: ActionState }) {
  const quiet = state.status === 'unconfirmed' && state.retrying;
  return (
    <p
      id={id}
      className={quiet ? 'form-message quiet' : 'form-message'}
      role="status"
      aria-live="polite"
    >
      {hasMessage(state) ? state.message : ''}
    </p>
  );
}
