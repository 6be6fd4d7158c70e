/**
 * What a Server Action answers its form: nothing yet, done, or why not (with the text the user
 * typed, so the form can give it back). `at` makes each answer distinct for effects.
 */
export type ActionState =
  | { status: 'idle' }
  | { status: 'done'; at: number }
  | { status: 'error'; message: string; title?: string; at: number };

export const IDLE: ActionState = { status: 'idle' };

export function done(): ActionState {
  return { status: 'done', at: Date.now() };
}

export function failed(message: string, title?: string): ActionState {
  return title === undefined
    ? { status: 'error', message, at: Date.now() }
    : { status: 'error', message, title, at: Date.now() };
}
