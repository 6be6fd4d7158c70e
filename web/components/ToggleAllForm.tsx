'use client';

import { markAll } from '@/lib/actions';
import type { OptimisticChange } from '@/lib/tasks/optimistic';
import type { TaskCounts } from '@/lib/tasks/types';
import { FormMessage } from './FormMessage';
import { useOptimisticForm } from './use-optimistic-form';

type Props = { counts: TaskCounts; onChange: (change: OptimisticChange) => void };

/** Pressed when every task is done; pressing it marks all done, or all active again. */
export function ToggleAllForm({ counts, onChange }: Props) {
  const allDone = counts.all > 0 && counts.ongoing === 0;
  const target = allDone ? 'ongoing' : 'completed';
  const { state, formAction, onSubmit } = useOptimisticForm(markAll, () =>
    onChange({ kind: 'mark-all', status: target }),
  );
  return (
    <form className="toggle-all" action={formAction} onSubmit={onSubmit}>
      <input type="hidden" name="status" value={target} />
      <button
        type="submit"
        className="toggle-all-button"
        aria-pressed={allDone}
        aria-describedby="toggle-all-message"
      >
        <span className="toggle-all-icon" aria-hidden="true">
          ❯
        </span>
        <span className="toggle-all-label">Mark all as done</span>
      </button>
      <FormMessage id="toggle-all-message" state={state} />
    </form>
  );
}
