'use client';

import { useOptimistic, useRef } from 'react';
import { changeTask, renameTask } from '@/lib/actions';
import { stateForTask } from '@/lib/tasks/action-state';
import type { Filter } from '@/lib/tasks/filters';
import {
  applyChange,
  type ListView,
  type OptimisticChange,
  renameChangeFromForm,
  rowChangeFromForm,
} from '@/lib/tasks/optimistic';
import type { TaskCounts, TaskView } from '@/lib/tasks/types';
import { NewTaskForm } from './NewTaskForm';
import { Pager } from './Pager';
import { ROW_FORM_ID, TaskItem } from './TaskItem';
import { TodoFooter } from './TodoFooter';
import { ToggleAllForm } from './ToggleAllForm';
import { useOptimisticForm } from './use-optimistic-form';

export type TodoAppProps = {
  filter: Filter;
  page: { items: TaskView[]; nextCursor: string | null; counts: TaskCounts };
  editId: number | undefined;
  /** This list's URL (filter, limit, cursor) without `edit`. */
  listHref: string;
  nextHref: string | null;
  firstHref: string | null;
};

/**
 * The interactive list. It shows the server's page, with the changes still on their way to the
 * api applied on top (`useOptimistic`); when an action fails they fall away again.
 *
 * The rows share one form per action instead of carrying a form each: a Server Action form
 * without JavaScript needs hidden fields of its own, and 100 rows of them made the page five
 * times larger and its rendering three times slower.
 */
export function TodoApp(props: TodoAppProps) {
  const { filter, page, editId, listHref, nextHref, firstHref } = props;
  const editHref = (id: number) => `${listHref}${listHref.includes('?') ? '&' : '?'}edit=${id}`;
  const context = { filter, hasMore: page.nextCursor !== null };
  const [view, addChange] = useOptimistic<ListView, OptimisticChange>(
    { items: page.items, counts: page.counts },
    (current, change) => applyChange(current, change, context),
  );
  const nextTempId = useRef(-1);
  const rows = useOptimisticForm(changeTask, (form) => {
    const change = rowChangeFromForm(form);
    if (change) addChange(change);
  });
  const rename = useOptimisticForm(renameTask, (form) => addChange(renameChangeFromForm(form)));
  // A refusal that names no task (a tampered form) is shown above the list.
  const unplaced = [rows.state, rename.state].find(
    (state) => state.status === 'error' && state.taskId === undefined,
  );

  return (
    <section className="todoapp" aria-labelledby="app-title">
      <header className="header">
        <h1 id="app-title">todos</h1>
        <NewTaskForm
          onAdd={(title) => addChange({ kind: 'add', title, tempId: nextTempId.current-- })}
        />
      </header>
      {view.counts.all > 0 && (
        <>
          <section className="main" aria-label="Tasks">
            <ToggleAllForm counts={view.counts} onChange={addChange} />
            <form id={ROW_FORM_ID} action={rows.formAction} onSubmit={rows.onSubmit} />
            <p className="form-message" role="status" aria-live="polite">
              {unplaced?.status === 'error' ? unplaced.message : ''}
            </p>
            <ul className="todo-list">
              {view.items.map((task) => (
                <TaskItem
                  key={task.id}
                  task={task}
                  editingFromUrl={task.id === editId}
                  editHref={editHref(task.id)}
                  listHref={listHref}
                  rowState={stateForTask(rows.state, task.id)}
                  rename={{ ...rename, state: stateForTask(rename.state, task.id) }}
                />
              ))}
            </ul>
            {view.items.length === 0 && (
              <p className="empty-view">
                {filter === 'completed' ? 'No completed tasks.' : 'Nothing left to do.'}
              </p>
            )}
            <Pager nextHref={nextHref} firstHref={firstHref} />
          </section>
          <TodoFooter counts={view.counts} filter={filter} onChange={addChange} />
        </>
      )}
    </section>
  );
}
