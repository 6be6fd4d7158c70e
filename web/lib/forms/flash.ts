import type { CommandName } from '@/lib/commands/outcome';
import type { ActionState } from '@/lib/tasks/action-state';

/**
 * What a page must show after a form posted without JavaScript failed: which form, its answer
 * (message and typed text) and the form key to render again, so that sending the form once more
 * is the same intent under the same idempotency key.
 */
export type Flash = { command: CommandName; state: ActionState; formKey: string };

/** The request header that names a held flash (app/forms → its own page, over loopback). */
export const FLASH_HEADER = 'x-todo-flash';

// The flash itself never travels: the header carries a random token (256 bits) naming an entry
// of this process's store, held only while the form route fetches the page. A token from
// outside names nothing, so nobody can make a page show a message of their choosing. proxy.ts
// and the routes are bundled apart, each with its own copy of this module: the store lives on
// globalThis, as the api readiness verdict does.
const STORE_KEY = Symbol.for('todo.web.flashes');
const store: Map<string, Flash> =
  ((globalThis as Record<symbol, unknown>)[STORE_KEY] as Map<string, Flash> | undefined) ??
  new Map();
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
export function holdFlash(flash: Flash): { token: string; release: () => void } {
  const token = newToken();
  store.set(token, flash);
  return { token, release: () => store.delete(token) };
}

/** The flash a request's header names, if this process holds it. */
export function heldFlash(token: string | null | undefined): Flash | undefined {
  return token && TOKEN.test(token) ? store.get(token) : undefined;
}
