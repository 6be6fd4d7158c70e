import { auth } from './auth';
import type { Account } from './request-account';

export type SessionRead =
  | { ok: true; account: Account | null; setCookies: string[] }
  /** The session could not be checked (its cookie cache ran out and the database is away). */
  | { ok: false; setCookies: string[] };

/** Whether the request carries a session cookie at all (no cookie: signed out, nothing to read). */
function hasSessionCookie(headers: Headers): boolean {
  return /(?:^|;\s*)(?:__Secure-)?todo\.session_token=/.test(headers.get('cookie') ?? '');
}

/**
 * The signed-in account of a request, read once by proxy.ts. Better Auth checks the signed
 * session cookie and, while its cookie cache is fresh (a minute) and the session has not been
 * ended (revocations.ts), answers without the database; otherwise it reads the session from the
 * database and renews the cache. `setCookies` are what it asks the browser to store: the renewed
 * cache, or the removal of a session that has ended.
 */
export async function readSession(headers: Headers): Promise<SessionRead> {
  if (!hasSessionCookie(headers)) return { ok: true, account: null, setCookies: [] };
  try {
    const answer = await auth().api.getSession({ headers, returnHeaders: true });
    const setCookies = answer.headers.getSetCookie();
    const session = answer.response;
    const account = session ? { id: session.user.id, email: session.user.email } : null;
    return { ok: true, account, setCookies };
  } catch (error) {
    console.error(
      `web: reading a session failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { ok: false, setCookies: [] };
  }
}
