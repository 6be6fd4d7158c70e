import type { CommandName, Outcome } from '@/lib/commands/outcome';
import { parseUndoOffer, type UndoOffer } from './offer';

/**
 * The undo offer travels to the next page view in a cookie: the page after a form posted
 * without JavaScript (303) may be rendered by another replica, and the page a Server Action
 * refreshes reads it as well, so both ways show the same offer from the same place. It holds no
 * secret (a task id and title, or a batch, of the account's own), is bound to the account that
 * made it, and lives a minute; the api decides, by account and undo window, what an undo
 * restores.
 */
export const UNDO_COOKIE = 'todo.undo';
export const UNDO_COOKIE_SECONDS = 60;

export function encodeUndoCookie(offer: UndoOffer, account: string): string {
  return Buffer.from(JSON.stringify({ account, offer }), 'utf8').toString('base64url');
}

/** The offer a cookie holds for this account; null for any other account or a forged value. */
export function decodeUndoCookie(value: string | undefined, account: string): UndoOffer | null {
  if (!value || !/^[A-Za-z0-9_-]{1,4000}$/.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const fields = parsed as Record<string, unknown>;
  return fields.account === account ? parseUndoOffer(fields.offer) : null;
}

/**
 * `Secure` where the session cookies are: when the public address (PUBLIC_URL, checked at
 * start-up by lib/auth/settings.ts) is https.
 */
export function secureUndoCookie(env: Record<string, string | undefined> = process.env): boolean {
  return (env.PUBLIC_URL ?? '').trim().startsWith('https:');
}

export type UndoCookieOptions = {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  maxAge: number;
  secure: boolean;
};

export function undoCookieOptions(secure: boolean, maxAge = UNDO_COOKIE_SECONDS) {
  return { httpOnly: true, sameSite: 'lax', path: '/', maxAge, secure } as UndoCookieOptions;
}

/** The same cookie as a `Set-Cookie` header, for a route's own response (null clears it). */
export function undoSetCookieHeader(value: string | null, secure: boolean): string {
  const options = undoCookieOptions(secure, value === null ? 0 : UNDO_COOKIE_SECONDS);
  return [
    `${UNDO_COOKIE}=${value ?? ''}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export type UndoCookieChange = { set: UndoOffer } | 'clear' | 'keep';

/**
 * What a command's outcome does to the offer: a delete or a clear puts its own; any other change
 * made ends it (the message goes at the next change); an undo ends it once it is settled, done
 * or no longer possible; a change not made, or not confirmed, leaves it to be tried again.
 */
export function undoCookieAfter(command: CommandName, outcome: Outcome): UndoCookieChange {
  if (outcome.ok) return outcome.undo ? { set: outcome.undo } : 'clear';
  const undo = command === 'undo-delete' || command === 'undo-clear';
  return undo && outcome.kind === 'not-found' ? 'clear' : 'keep';
}
