import type { CommandName, Outcome } from '@/lib/commands/outcome';
import {
  encodeUndoCookie,
  secureUndoCookie,
  UNDO_COOKIE,
  undoCookieAfter,
  undoSetCookieHeader,
} from './offer-cookie';

/** Whether the request carries the undo offer's cookie (clearing an absent one says nothing). */
function hasUndoCookie(request: Request): boolean {
  const cookie = request.headers.get('cookie') ?? '';
  return cookie.split(';').some((part) => part.trim().startsWith(`${UNDO_COOKIE}=`));
}

/**
 * The undo offer for the next page view (offer-cookie.ts): a delete or a clear sets it, so the
 * page after the 303, on whichever replica, shows it; the next change ends it.
 */
export function undoCookieHeader(
  request: Request,
  command: CommandName,
  outcome: Outcome,
  account: string,
): Record<string, string> {
  const change = undoCookieAfter(command, outcome);
  if (typeof change === 'object') {
    const value = encodeUndoCookie(change.set, account);
    return { 'set-cookie': undoSetCookieHeader(value, secureUndoCookie()) };
  }
  return change === 'clear' && hasUndoCookie(request)
    ? { 'set-cookie': undoSetCookieHeader(null, secureUndoCookie()) }
    : {};
}
