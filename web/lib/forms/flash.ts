import type { AuthFormName } from '@/lib/auth/routes';
import type { CommandName } from '@/lib/commands/outcome';
import type { ActionState } from '@/lib/tasks/action-state';

/**
 * What a page must show after a form posted without JavaScript failed: which form, its answer
 * (message and typed text) and the form key to render again, so that sending the form once more
 * is the same intent under the same idempotency key.
 */
export type Flash = { command: CommandName; state: ActionState; formKey: string };

/**
 * The same for an account form (sign in, sign up, delete the account): its message and the
 * email that was typed. A password is never held, nor shown again.
 */
export type AuthFlash = { form: AuthFormName; message: string; email?: string };

/** The request header that names a held flash (app/forms → its own page, over loopback). */
export const FLASH_HEADER = 'x-todo-flash';

// The flash itself never travels: the header carries a random token (256 bits) naming an entry
// of this process's store, held only while the form route fetches the page. A token from
// outside names nothing, so nobody can make a page show a message of their choosing. proxy.ts
// and the routes are bundled apart, each with its own copy of this module: the store lives on
// globalThis, as the api readiness verdict does.
const STORE_KEY = Symbol.for('todo.web.flashes');
const store: Map<string, Flash | AuthFlash> =
  ((globalThis as Record<symbol, unknown>)[STORE_KEY] as
    | Map<string, Flash | AuthFlash>
    | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[STORE_KEY] = store;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** Holds a flash until `release`; its token goes in FLASH_HEADER of the page request. */
export function holdFlash(flash: Flash | AuthFlash): { token: string; release: () => void } {
  const token = newToken();
  store.set(token, flash);
  return { token, release: () => store.delete(token) };
}

function held(token: string | null | undefined): Flash | AuthFlash | undefined {
  return token && TOKEN.test(token) ? store.get(token) : undefined;
}

/** Whether a request's header names a flash this process holds (a form route's own render). */
export function isHeldFlash(token: string | null | undefined): boolean {
  return held(token) !== undefined;
}

/** The task form's flash a request's header names, if this process holds it. */
export function heldFlash(token: string | null | undefined): Flash | undefined {
  const flash = held(token);
  return flash && 'command' in flash ? flash : undefined;
}

/** The account form's flash a request's header names, if this process holds it. */
export function heldAuthFlash(token: string | null | undefined): AuthFlash | undefined {
  const flash = held(token);
  return flash && 'form' in flash ? flash : undefined;
}
