/**
 * What a Server Action answers its form: nothing yet, done, or why not (with the text the user
 * typed, so the form can give it back). `at` makes each answer distinct for effects. The task
 * rows share one form per action, so a refusal names the task it is about (`taskId`), and only
 * that row shows it.
 */
export type ActionState =
  | { status: 'idle' }
  | { status: 'done'; at: number }
  | { status: 'error'; message: string; title?: string; taskId?: number; at: number };

export const IDLE: ActionState = { status: 'idle' };

export function done(): ActionState {
  return { status: 'done', at: Date.now() };
}

export function failed(
  message: string,
  about: { title?: string; taskId?: number } = {},
): ActionState {
  return {
    status: 'error',
    message,
    ...(about.title === undefined ? {} : { title: about.title }),
    ...(about.taskId === undefined ? {} : { taskId: about.taskId }),
    at: Date.now(),
  };
}

/** The state as one task row sees it: a refusal about another task is not its business. */
export function stateForTask(state: ActionState, taskId: number): ActionState {
  return state.status === 'error' && state.taskId !== taskId ? IDLE : state;
}
