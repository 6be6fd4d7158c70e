import { cookies } from 'next/headers';
import type { CommandName, Outcome } from '@/lib/commands/outcome';
import {
  encodeUndoCookie,
  secureUndoCookie,
  UNDO_COOKIE,
  undoCookieAfter,
  undoCookieOptions,
} from './offer-cookie';

/**
 * The undo offer after a Server Action (offer-cookie.ts). Set before the action's refresh:
 * Next lets the render that follows read the cookies the action set, so the refreshed page
 * shows the offer (or no longer shows it) in the same response.
 */
export async function keepUndoOffer(command: CommandName, outcome: Outcome, account: string) {
  const change = undoCookieAfter(command, outcome);
  if (change === 'keep') return;
  const jar = await cookies();
  const secure = secureUndoCookie();
  if (change === 'clear') {
    if (jar.has(UNDO_COOKIE)) jar.set(UNDO_COOKIE, '', undoCookieOptions(secure, 0));
    return;
  }
  jar.set(UNDO_COOKIE, encodeUndoCookie(change.set, account), undoCookieOptions(secure));
}
