import { type ActionState, hasMessage, isRetryable } from '@/lib/tasks/action-state';

/**
 * The inline answer of a form, announced politely to screen readers when it changes. A change
 * being confirmed is a quiet notice; a change refused, not made or not confirmed, a message.
 */
type Props = {
  id: string;
  state: ActionState;
  /** With JavaScript: sends the form again, offered when that may help (isRetryable). */
  onRetry?: () => void;
};

export function FormMessage({ id, state, onRetry }: Props) {
  const quiet = state.status === 'unconfirmed' && state.retrying;
  return (
    <>
      <p
        id={id}
        className={quiet ? 'form-message quiet' : 'form-message'}
        role="status"
        aria-live="polite"
      >
        {hasMessage(state) ? state.message : ''}
      </p>
      {/* Beside the message, not in it: the fields it describes are not described by a button. */}
      {onRetry && isRetryable(state) && (
        <button type="button" className="text-button retry" onClick={onRetry}>
          Retry
        </button>
      )}
    </>
  );
}
