/**
 * What a form's change came to, as the form shows it: nothing yet, done, refused or not made
 * (`error`, with why), or not confirmed (`unconfirmed`: the api could not say whether it was
 * made; sending the same form again is safe, its idempotency key makes the change at most
 * once). Each carries the text the user typed, so the form can give it back, and `at` makes
 * each answer distinct for effects. The task rows share one form per action, so an answer
 * names the task it is about (`taskId`), and only that row shows it.
 *
 * `retrying` marks the browser's own notice while it sends an unconfirmed change again.
 */
export type ActionState =
  | { status: 'idle' }
  | { status: 'done'; at: number }
  | {
      status: 'error';
      message: string;
      title?: string;
      taskId?: number;
      /** Not made for a passing reason (the service away): worth sending again as it is. */
      retry?: true;
      at: number;
    }
  | {
      status: 'unconfirmed';
      message: string;
      title?: string;
      taskId?: number;
      retrying?: boolean;
      at: number;
    };

export type Concern = { title?: string; taskId?: number };

export const IDLE: ActionState = { status: 'idle' };

export const RETRYING_MESSAGE = 'Not confirmed yet; retrying…';

export function done(): ActionState {
  return { status: 'done', at: Date.now() };
}

function concerning(about: Concern): Concern {
  return {
    ...(about.title === undefined ? {} : { title: about.title }),
    ...(about.taskId === undefined ? {} : { taskId: about.taskId }),
  };
}

export function failed(message: string, about: Concern & { retry?: true } = {}): ActionState {
  const retry = about.retry ? { retry: about.retry } : {};
  return { status: 'error', message, ...concerning(about), ...retry, at: Date.now() };
}

export function unconfirmed(message: string, about: Concern = {}): ActionState {
  return { status: 'unconfirmed', message, ...concerning(about), at: Date.now() };
}

/** The quiet notice shown while the browser sends an unconfirmed change again. */
export function retrying(answer: ActionState): ActionState {
  const about = answer.status === 'error' || answer.status === 'unconfirmed' ? answer : {};
  return {
    status: 'unconfirmed',
    message: RETRYING_MESSAGE,
    ...concerning(about),
    retrying: true,
    at: Date.now(),
  };
}

/** An answer the form shows as a message: a refusal, or a change not (yet) confirmed. */
export function hasMessage(
  state: ActionState,
): state is Extract<ActionState, { status: 'error' | 'unconfirmed' }> {
  return state.status === 'error' || state.status === 'unconfirmed';
}

/**
 * A final answer that sending the same form again may change: not confirmed, or not made
 * because the task service was away (a refusal of what was typed would only come back).
 */
export function isRetryable(state: ActionState): boolean {
  if (state.status === 'unconfirmed') return !state.retrying;
  return state.status === 'error' && state.retry === true;
}

/**
 * The answer as the form shows it: one that came from no server at all (the network) does not
 * know what was typed, so it takes the title from the form that was sent.
 */
export function withTypedTitle(state: ActionState, form: FormData): ActionState {
  const title = form.get('title');
  if (!hasMessage(state) || state.title !== undefined || typeof title !== 'string') return state;
  return { ...state, title };
}

/** A final answer that hands the form back to the user: refused, not made or not confirmed. */
export function isSettledFailure(state: ActionState): boolean {
  return hasMessage(state) && !(state.status === 'unconfirmed' && state.retrying);
}

/** The state as one task row sees it: an answer about another task is not its business. */
export function stateForTask(state: ActionState, taskId: number): ActionState {
  return hasMessage(state) && state.taskId !== taskId ? IDLE : state;
}
