'use client';

import { markAll } from '@/lib/actions';
import { formRoute } from '@/lib/commands/outcome';
import type { ActionState } from '@/lib/tasks/action-state';
import type { OptimisticChange } from '@/lib/tasks/optimistic';
import type { TaskCounts } from '@/lib/tasks/types';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';
import { useOptimisticForm } from './use-optimistic-form';

type Props = {
  counts: TaskCounts;
  onChange: (change: OptimisticChange) => void;
  formKey: string;
  returnTo: string;
  initial?: ActionState;
  /** Whether the page focuses the toggle as it loads: it was just pressed without JavaScript. */
  autoFocus?: boolean;
};

/**
 * Marks every task done, or, when every task is done already, every task not done again. The
 * button says which it will do: its words change with the list, so it is not a toggle button
 * (aria-pressed with changing words would read "Mark all as not done, pressed").
 */
export function ToggleAllForm(props: Props) {
  const { counts, onChange, formKey, returnTo, initial, autoFocus = false } = props;
  const allDone = counts.all > 0 && counts.ongoing === 0;
  const target = allDone ? 'ongoing' : 'completed';
  const form = useOptimisticForm(markAll, () => onChange({ kind: 'mark-all', status: target }), {
    formKey,
    ...(initial ? { initial } : {}),
  });
  return (
    <form
      className="toggle-all"
      method="post"
      action={formRoute('mark-all')}
      onSubmit={form.onSubmit}
    >
      <FormFields formKey={form.formKey} returnTo={returnTo} />
      <input type="hidden" name="status" value={target} />
      <button
        type="submit"
        className="toggle-all-button"
        data-all-done={allDone}
        aria-describedby="toggle-all-message"
        // biome-ignore lint/a11y/noAutofocus: back on the toggle just pressed without JavaScript.
        autoFocus={autoFocus}
      >
        <span className="toggle-all-icon" aria-hidden="true">
          ❯
        </span>
        <span className="toggle-all-label">
          {allDone ? 'Mark all as not done' : 'Mark all as done'}
        </span>
      </button>
      <FormMessage id="toggle-all-message" state={form.state} onRetry={form.retry} />
    </form>
  );
}
