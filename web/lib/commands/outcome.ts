import type { ApiFailureKind } from '@/lib/api/result';
import { type ActionState, type Concern, failed, unconfirmed } from '@/lib/tasks/action-state';
import type { UndoOffer } from '@/lib/undo/offer';

/** The changes a form can ask for; each is a Server Action and a no-JavaScript form route. */
export const COMMAND_NAMES = [
  'add',
  'rename',
  'change',
  'mark-all',
  'clear-completed',
  'undo-delete',
  'undo-clear',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export function isCommandName(value: unknown): value is CommandName {
  return COMMAND_NAMES.includes(value as CommandName);
}

/** Where the forms post without JavaScript (app/forms/[command]/route.ts). */
export const FORMS_PREFIX = '/forms/';

export function formRoute(command: CommandName): string {
  return `${FORMS_PREFIX}${command}`;
}

/**
 * What a command came to. Beyond the api's verdicts (result.ts): `invalid`, a form no page of
 * this app sends (a missing button, a forged id), and `validation`, a title the user must fix.
 */
export type FailureKind = 'invalid' | 'validation' | ApiFailureKind;
export type Failure = { ok: false; kind: FailureKind; message: string } & Concern;
/** A delete or a clear made says how to take it back (`undo`). */
export type Outcome = { ok: true; undo?: UndoOffer } | Failure;

export const SUCCEEDED: Outcome = { ok: true };

export function refused(kind: FailureKind, message: string, about: Concern = {}): Failure {
  return { ok: false, kind, message, ...about };
}

function concernOf(failure: Failure): Concern {
  return {
    ...(failure.title === undefined ? {} : { title: failure.title }),
    ...(failure.taskId === undefined ? {} : { taskId: failure.taskId }),
  };
}

/** The answer a form shows (with JavaScript, or rendered into the page without it). */
export function actionStateOf(failure: Failure): ActionState {
  if (failure.kind === 'unconfirmed') return unconfirmed(failure.message, concernOf(failure));
  const passing = failure.kind === 'unavailable' || failure.kind === 'not-written';
  return failed(failure.message, { ...concernOf(failure), ...(passing ? { retry: true } : {}) });
}

/**
 * The status of the page a no-JavaScript form gets back: the form's own fault is a 4xx, the
 * task service's a 503 (not made, or not confirmed: either way worth sending again).
 */
export function httpStatusOf(failure: Failure): 400 | 404 | 422 | 503 {
  switch (failure.kind) {
    case 'invalid':
    case 'validation':
      return 400;
    case 'not-found':
      return 404;
    case 'rejected':
      return 422;
    case 'unavailable':
    case 'not-written':
    case 'unconfirmed':
      return 503;
  }
}
