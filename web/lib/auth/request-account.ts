/**
 * The signed-in account of a request, as proxy.ts found it, handed to the page, action or route
 * that serves the request in a request header. proxy.ts reads the session once (Better Auth's
 * signed cookie cache, lib/auth/session.ts), removes any such header the client sent, and sets
 * its own; the header carries a random stamp of this process as well, so a request that did
 * not pass through proxy.ts (a path its matcher skips) cannot name an account either.
 */
export type Account = { id: string; email: string };

export const ACCOUNT_HEADER = 'x-todo-account';

// One stamp per process, on globalThis: proxy.ts and the routes are bundled apart.
const STAMP_KEY = Symbol.for('todo.web.accountStamp');

function processStamp(): string {
  const store = globalThis as Record<symbol, unknown>;
  let stamp = store[STAMP_KEY] as string | undefined;
  if (!stamp) {
    const bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    stamp = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    store[STAMP_KEY] = stamp;
  }
  return stamp;
}

/** The header value naming `account` (set by proxy.ts only). */
export function accountHeaderValue(account: Account): string {
  return `${processStamp()} ${encodeURIComponent(account.id)} ${encodeURIComponent(account.email)}`;
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) {
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  }
  return difference === 0;
}

/** The account proxy.ts found for this request, or null (signed out, or not from proxy.ts). */
export function accountOf(headers: Headers): Account | null {
  const value = headers.get(ACCOUNT_HEADER);
  if (!value) return null;
  const [stamp, id, email] = value.split(' ');
  if (!stamp || !id || email === undefined || !sameText(stamp, processStamp())) return null;
  try {
    return { id: decodeURIComponent(id), email: decodeURIComponent(email) };
  } catch {
    return null;
  }
}
