'use client';

import Link from 'next/link';
import { clearCompleted } from '@/lib/actions';
import { formRoute } from '@/lib/commands/outcome';
import type { ActionState } from '@/lib/tasks/action-state';
import { FILTERS, type Filter } from '@/lib/tasks/filters';
import { itemsLeftText, type OptimisticChange } from '@/lib/tasks/optimistic';
import type { TaskCounts } from '@/lib/tasks/types';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';
import { focusNewTask } from './focus-moves';
import { useOptimisticForm } from './use-optimistic-form';

type Props = {
  counts: TaskCounts;
  filter: Filter;
  onChange: (change: OptimisticChange) => void;
  formKey: string;
  returnTo: string;
  initial?: ActionState;
};

export function TodoFooter({ counts, filter, onChange, formKey, returnTo, initial }: Props) {
  const clear = useOptimisticForm(clearCompleted, () => onChange({ kind: 'clear-completed' }), {
    formKey,
    ...(initial ? { initial } : {}),
  });
  return (
    <footer className="footer">
      <span className="todo-count">
        <strong>{counts.ongoing}</strong> {itemsLeftText(counts.ongoing)}
      </span>
      <nav aria-label="Show tasks">
        <ul className="filters">
          {FILTERS.map((entry) => (
            <li key={entry.filter}>
              <Link
                href={entry.path}
                prefetch={false}
                aria-current={entry.filter === filter ? 'page' : undefined}
              >
                {entry.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {counts.completed > 0 ? (
        <form
          method="post"
          action={formRoute('clear-completed')}
          onSubmit={(event) => {
            // The button goes with the completed tasks; focus goes to the new-task field.
            focusNewTask();
            clear.onSubmit(event);
          }}
          className="clear-completed"
        >
          <FormFields formKey={clear.formKey} returnTo={returnTo} />
          <button type="submit" className="text-button">
            Clear completed
          </button>
        </form>
      ) : (
        <span className="clear-completed" />
      )}
      <FormMessage id="clear-completed-message" state={clear.state} onRetry={clear.retry} />
    </footer>
  );
}
