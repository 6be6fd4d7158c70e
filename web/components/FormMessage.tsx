import type { ActionState } from '@/lib/tasks/action-state';

/** The inline answer of a form, announced politely to screen readers when it changes. */
export function FormMessage({ id, state }: { id: string; state: ActionState }) {
  return (
    <p id={id} className="form-message" role="status" aria-live="polite">
      {state.status === 'error' ? state.message : ''}
    </p>
  );
}
