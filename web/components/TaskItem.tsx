'use client';

import { useEffect, useState } from 'react';
import { changeTask, renameTask } from '@/app/actions';
import type { OptimisticChange } from '@/lib/tasks/optimistic';
import type { TaskView } from '@/lib/tasks/types';
import { TaskEditForm } from './TaskEditForm';
import { useOptimisticForm } from './use-optimistic-form';

type Props = {
  task: TaskView;
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
  const target = completed ? 'ongoing' : 'completed';
  const pending = task.id < 0;

  // One form per row, so a long list carries one set of form fields per task: the toggle and
  // the delete button submit it with their own `intent`.
  const row = useOptimisticForm(changeTask, (form) =>
    onChange(
      form.get('intent') === 'delete'
        ? { kind: 'remove', id: task.id }
        : { kind: 'set-status', id: task.id, status: target },
    ),
  );
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

  const classes = ['task', completed && 'completed', editing && 'editing', pending && 'pending']
    .filter(Boolean)
    .join(' ');

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
      <form className="task-view" action={row.formAction} onSubmit={row.onSubmit}>
        <input type="hidden" name="id" value={task.id} />
        <input type="hidden" name="status" value={target} />
        <button
          type="submit"
          name="intent"
          value="toggle"
          className="toggle"
          aria-pressed={completed}
          aria-label={`Mark “${task.title}” done`}
          disabled={pending}
        />
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
        <button
          type="submit"
          name="intent"
          value="delete"
          className="icon-button destroy"
          aria-label={`Delete “${task.title}”`}
          disabled={pending}
        >
          <span aria-hidden="true">×</span>
        </button>
      </form>
      {row.state.status === 'error' && (
        <p className="form-message" role="alert">
          {row.state.message}
        </p>
      )}
    </li>
  );
}
