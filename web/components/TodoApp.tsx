'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { changeTask, renameTask } from '@/lib/actions';
import { type CommandName, FORMS_PREFIX, formRoute } from '@/lib/commands/outcome';
import type { Flash } from '@/lib/forms/flash';
import { type ActionState, hasMessage, stateForTask } from '@/lib/tasks/action-state';
import { type Filter, isVisibleIn } from '@/lib/tasks/filters';
import { type FocusHint, resolveFocus } from '@/lib/tasks/focus-target';
import {
  type OptimisticChange,
  renameChangeFromForm,
  rowChangeFromForm,
} from '@/lib/tasks/optimistic';
import { countOfFilter, pagePositionText } from '@/lib/tasks/page-position';
import type { UndoOffer } from '@/lib/undo/offer';
import { AddedElsewhere } from './AddedElsewhere';
import { FormFields } from './FormFields';
import { FormMessage } from './FormMessage';
import { focusNeighbourOf } from './focus-moves';
import { LiveNotice } from './LiveNotice';
import { NewTaskForm } from './NewTaskForm';
import { Pager } from './Pager';
import { ROW_FORM_ID, TaskItem } from './TaskItem';
import { TodoFooter } from './TodoFooter';
import { ToggleAllForm } from './ToggleAllForm';
import { UndoNotice } from './UndoNotice';
import { type TodoPageData, useListView } from './use-list-view';
import { useOptimisticForm } from './use-optimistic-form';

export type TodoAppProps = {
  filter: Filter;
  /** The list, or null when it could not be read (a failed form's page still renders). */
  page: TodoPageData | null;
  editId: number | undefined;
  /** This list's URL (filter, limit, cursor) without `edit`. */
  listHref: string;
  nextHref: string | null;
  prevHref: string | null;
  firstHref: string | null;
  /** The list's last page, when this is not it: where a new task lands. */
  lastHref?: string | null;
  /** This rendering's form key (form-key.ts). */
  formKey: string;
  /** The answer of a form posted without JavaScript that failed, shown where the form is. */
  flash?: Flash | undefined;
  /** The last delete's or clear's undo offer (lib/undo), while it lasts. */
  undo?: UndoOffer | null;
  /** Where focus goes after a change made without JavaScript (focus-cookie.ts). */
  focusHint?: FocusHint | undefined;
};

export const LIST_UNREADABLE_NOTICE =
  'Your tasks could not be loaded right now. They are safe; reload the page in a moment.';

/**
 * The interactive list: the server's page, with the changes made elsewhere and this tab's changes
 * still on their way laid over it (use-list-view.ts).
 *
 * The rows share one form per action instead of carrying a form each: 100 rows of forms with
 * their own hidden fields made the page five times larger and its rendering three times slower.
 */
export function TodoApp(props: TodoAppProps) {
  const { filter, editId, listHref, nextHref, prevHref, firstHref, formKey, flash } = props;
  const lastHref = props.lastHref ?? null;
  // The title of a task just added on the last page while another is shown.
  const [addedElsewhere, setAddedElsewhere] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another page of the list says nothing of it.
  useEffect(() => setAddedElsewhere(null), [listHref]);
  const editHref = (id: number) => `${listHref}${listHref.includes('?') ? '&' : '?'}edit=${id}`;
  const { page, view, addChange, live } = useListView(props.page, {
    filter,
    hasPrevious: prevHref !== null,
  });
  const initial = (command: CommandName): ActionState | undefined =>
    flash?.command === command ? flash.state : undefined;
  const keyed = (command: CommandName) => ({
    formKey,
    ...(initial(command) ? { initial: initial(command) } : {}),
  });
  const forms = { formKey, returnTo: listHref };
  const nextTempId = useRef(-1);
  // The one element the page focuses as it loads (the HTML `autofocus`, so without JavaScript
  // too): the edit field of `?edit=`, the row a change was just made on, or the new-task field.
  const focus = resolveFocus(
    props.focusHint,
    (page?.items ?? []).map((task) => task.id),
    editId,
    view.counts.all > 0,
  );
  const rowFocus = (id: number) =>
    'id' in focus && focus.id === id && focus.element !== 'edit-field' ? focus.element : undefined;

  // The page a form posted without JavaScript was answered with carries the form route's
  // address (/forms/…). Once JavaScript runs, the address is the list's again: Server Actions
  // post to the router's address, and a reload should show the list, not post the form again.
  // Next's router learns of a replaceState from its own patch of it, installed in an effect of
  // its root component, which runs after this one: hence the zero delay.
  useEffect(() => {
    if (!window.location.pathname.startsWith(FORMS_PREFIX)) return;
    const separator = listHref.includes('?') ? '&' : '?';
    const here = editId === undefined ? listHref : `${listHref}${separator}edit=${editId}`;
    const timer = setTimeout(() => window.history.replaceState(null, '', here), 0);
    return () => clearTimeout(timer);
  }, [listHref, editId]);
  const rows = useOptimisticForm(
    changeTask,
    (form) => {
      const change = rowChangeFromForm(form);
      if (change) addChange(change);
    },
    keyed('change'),
  );
  const rename = useOptimisticForm(
    renameTask,
    (form) => addChange(renameChangeFromForm(form)),
    keyed('rename'),
  );

  // A row about to leave the view (deleted, or hidden by the filter) hands focus on first.
  function keepFocus(change: OptimisticChange | undefined) {
    if (!change) return;
    const leaves =
      change.kind === 'remove' ||
      (change.kind === 'set-status' && !isVisibleIn(filter, change.status));
    if (!leaves) return;
    // Focus elsewhere (the new-task field, say) stays where it is.
    const active = document.activeElement;
    if (active && active !== document.body && !active.closest('.todo-list')) return;
    focusNeighbourOf(
      view.items.map((task) => task.id),
      change.id,
    );
  }
  const formOf = (event: FormEvent<HTMLFormElement>) =>
    new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
  function onRowSubmit(event: FormEvent<HTMLFormElement>) {
    keepFocus(rowChangeFromForm(formOf(event)));
    rows.onSubmit(event);
  }
  function onRenameSubmit(event: FormEvent<HTMLFormElement>) {
    keepFocus(renameChangeFromForm(formOf(event)));
    rename.onSubmit(event);
  }
  // A refusal that names no task (a tampered form), or is about a row not shown, goes above
  // the list.
  const shown = new Set(view.items.map((task) => task.id));
  const unplaced = [rows.state, rename.state].find(
    (state) => hasMessage(state) && (state.taskId === undefined || !shown.has(state.taskId)),
  );

  return (
    <section className="todoapp" aria-labelledby="app-title">
      <header className="header">
        <h1 id="app-title">todos</h1>
        <NewTaskForm
          onAdd={(title) => addChange({ kind: 'add', title, tempId: nextTempId.current-- })}
          autoFocus={focus.element === 'new-task'}
          onAdded={(title) => setAddedElsewhere(lastHref ? title : null)}
          {...forms}
          // Without JavaScript, the new task is shown where it landed.
          returnTo={lastHref ?? listHref}
          {...keyed('add')}
        />
        <AddedElsewhere title={addedElsewhere} lastHref={lastHref} />
      </header>
      {page && <LiveNotice status={live.status} elsewhere={live.elsewhere} laterHref={nextHref} />}
      {props.page === null && (
        <div className="unreadable">
          <p className="notice" role="alert">
            {LIST_UNREADABLE_NOTICE}
          </p>
          {/* A plain link: reading the list again is a page load, with or without JavaScript. */}
          <a className="text-button retry" href={listHref}>
            Retry
          </a>
          {flash && flash.command !== 'add' && !flash.command.startsWith('undo-') && (
            <FormMessage id="flash-message" state={flash.state} />
          )}
        </div>
      )}
      {view.counts.all > 0 && (
        <>
          <section className="main" aria-label="Tasks">
            <ToggleAllForm
              counts={view.counts}
              onChange={addChange}
              autoFocus={focus.element === 'toggle-all'}
              {...forms}
              {...keyed('mark-all')}
            />
            <form
              id={ROW_FORM_ID}
              method="post"
              action={formRoute('change')}
              onSubmit={onRowSubmit}
            >
              <FormFields formKey={rows.formKey} returnTo={listHref} />
            </form>
            <FormMessage
              id="rows-message"
              state={unplaced ?? { status: 'idle' }}
              onRetry={unplaced === rows.state ? rows.retry : rename.retry}
            />
            <ul className="todo-list">
              {view.items.map((task) => (
                <TaskItem
                  key={task.id}
                  task={task}
                  editingFromUrl={task.id === editId}
                  editHref={editHref(task.id)}
                  listHref={listHref}
                  rowState={stateForTask(rows.state, task.id)}
                  rename={{
                    state: stateForTask(rename.state, task.id),
                    formKey: rename.formKey,
                    onSubmit: onRenameSubmit,
                  }}
                  autoFocus={rowFocus(task.id)}
                />
              ))}
            </ul>
            {view.items.length === 0 && (
              <p className="empty-view">
                {filter === 'completed' ? 'No completed tasks.' : 'Nothing left to do.'}
              </p>
            )}
            <Pager
              firstHref={firstHref}
              prevHref={prevHref}
              nextHref={nextHref}
              position={pagePositionText(
                page?.position ?? 0,
                view.items.length,
                countOfFilter(filter, view.counts),
              )}
            />
          </section>
          <TodoFooter
            counts={view.counts}
            filter={filter}
            onChange={addChange}
            {...forms}
            {...keyed('clear-completed')}
          />
        </>
      )}
      <UndoNotice
        offer={props.undo ?? null}
        formKey={formKey}
        returnTo={listHref}
        initial={{ 'undo-delete': initial('undo-delete'), 'undo-clear': initial('undo-clear') }}
      />
    </section>
  );
}
