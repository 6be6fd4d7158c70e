'use client';

import { useEffect, useState } from 'react';
import { removeTask, renameTask, setTaskStatus } from '@/app/actions';
import type { OptimisticChange } from '@/lib/tasks/optimistic';
import type { Task } from '@/lib/tasks/types';
import { FormMessage } from './FormMessage';
import { TaskEditForm } from './TaskEditForm';
import { useOptimisticForm } from './use-optimistic-form';

type Props = {
  task: Task;
  /** Open in edit mode: the no-JavaScript path links to `?edit=<id>`. */
  editingFromUrl: boolean;
  /** The list URL with `?edit=<id>` for this task, and the one to return to. */
  editHref: string;
  listHref: string;
  onChange: (change: OptimisticChange) => void;
};

export function TaskItem({ task, editingFromUrl, editHref, listHref, onChange }: Props) {
  const [editing, setEditing] = useState(editingFromUrl);
  const completed = task.status === 'completed';
  const pending = task.id < 0;

  const toggle = useOptimisticForm(setTaskStatus, () =>
    onChange({ kind: 'set-status', id: task.id, status: completed ? 'ongoing' : 'completed' }),
  );
  const remove = useOptimisticForm(removeTask, () => onChange({ kind: 'remove', id: task.id }));
  const rename = useOptimisticForm(renameTask, (form) => {
    const title = String(form.get('title') ?? '').trim();
    onChange(
      title === '' ? { kind: 'remove', id: task.id } : { kind: 'rename', id: task.id, title },
    );
  });

  // A refused rename goes back into edit mode with what the user typed.
  useEffect(() => {
    if (rename.state.status === 'error') setEditing(true);
  }, [rename.state]);

  const classes = [
    'task',
    completed ? 'completed' : '',
    editing ? 'editing' : '',
    pending ? 'pending' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const messageId = `task-${task.id}-message`;
  const state = toggle.state.status === 'error' ? toggle.state : remove.state;

  if (editing && !pending) {
    return (
      <li className={classes}>
        <TaskEditForm
          task={task}
          state={rename.state}
          formAction={rename.formAction}
          onSubmit={rename.onSubmit}
          // Only the edit form opened by URL (the no-JavaScript way) navigates back after saving.
          returnTo={editingFromUrl ? listHref : undefined}
          onClose={() => setEditing(false)}
        />
      </li>
    );
  }

  return (
    <li className={classes} aria-busy={pending || undefined}>
      <div className="task-view">
        <form action={toggle.formAction} onSubmit={toggle.onSubmit}>
          <input type="hidden" name="id" value={task.id} />
          <input type="hidden" name="status" value={completed ? 'ongoing' : 'completed'} />
          <button
            type="submit"
            className="toggle"
            aria-pressed={completed}
            aria-label={`Mark “${task.title}” done`}
            disabled={pending}
          />
        </form>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: double-click is the TodoMVC shortcut; the Edit link is the keyboard way in. */}
        <span className="task-title" onDoubleClick={() => !pending && setEditing(true)}>
          {task.title}
        </span>
        {!pending && (
          <a
            className="icon-button edit"
            href={editHref}
            onClick={(event) => {
              event.preventDefault();
              setEditing(true);
            }}
          >
            <span aria-hidden="true">✎</span>
            <span className="visually-hidden">Edit “{task.title}”</span>
          </a>
        )}
        <form action={remove.formAction} onSubmit={remove.onSubmit}>
          <input type="hidden" name="id" value={task.id} />
          <button
            type="submit"
            className="icon-button destroy"
            aria-label={`Delete “${task.title}”`}
            disabled={pending}
          >
            <span aria-hidden="true">×</span>
          </button>
        </form>
      </div>
      <FormMessage id={messageId} state={state} />
    </li>
  );
}
